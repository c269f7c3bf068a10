import type { LocalFile } from '../../../artifacts/local/site.js';
import type { DistributionInfo } from '../../../providers/aws/distribution.js';
import type { LiveSiteObject } from '../../../providers/aws/site-bucket.js';
import type { FrontendPlan } from './plan.js';

/** The site's part of a deployment plan: what is built, what is live, and what changes. */
export interface PlannedFrontend {
  bucket: string;
  distribution: DistributionInfo;
  local: LocalFile[];
  live: LiveSiteObject[];
  plan: FrontendPlan;
}
