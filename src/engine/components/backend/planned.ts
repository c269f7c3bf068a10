import type { LiveStage } from '../../../providers/aws/api-stage.js';
import type { DesiredFunction, LiveFunction } from '../../../providers/aws/functions.js';
import type { FunctionPackage } from '../../../providers/package/function-package.js';
import type { BackendPlan } from './plan.js';

/** The functions' and API's part of a deployment plan: what is packaged, what is live, and what changes. */
export interface PlannedBackend {
  packages: Map<string, { desired: DesiredFunction; pkg: FunctionPackage }>;
  live: Map<string, LiveFunction>;
  plan: BackendPlan;
  /** `redeploy`: why the stage gets a new deployment, if it does. */
  api?: {
    restApiId: string;
    stage: string;
    live?: LiveStage;
    definitionHash: string;
    redeploy?: 'new stage' | 'first deployment' | 'definition changed' | 'asked';
  };
}
