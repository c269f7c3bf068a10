import type { XmlNode } from '../../protocol/xml.js';

export interface DistributionRecord {
  id: string;
  /** The DistributionConfig as sent, echoed back by Get* calls. */
  config: XmlNode;
  etag: string;
  created: string;
  lastModified: string;
}

export interface InvalidationRecord {
  id: string;
  distributionId: string;
  paths: string[];
  callerReference: string;
  created: string;
  /** When it turns Completed (the sandbox's configurable delay). */
  completesAt: string;
  /** The edge cache has been purged for its paths. */
  applied: boolean;
}
