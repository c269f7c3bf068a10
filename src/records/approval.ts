import type { DeploymentRecord } from './deployment.js';
import type { PlanSummary } from './plan-summary.js';

/**
 * One step of an approval gate: a change asking for an approval of its plan (`requested`), or someone's
 * decision on it (`approved`, `rejected`). Records are only added, never changed: the newest decision on a
 * plan digest is what counts (`src/orchestration/approvals/`).
 */
export interface ApprovalRecord {
  /** `a-20261202T004500123Z-1a2b3c`: sorts in time order, like deployment ids. */
  id: string;
  environment: string;
  kind: 'requested' | 'approved' | 'rejected';
  /** The digest of the exact plan asked about or decided on. */
  planDigest: string;
  /** The AWS identity (ARN) that asked or decided. */
  by: string;
  at: string;
  /** An approval counts until then. */
  expiresAt?: string;
  comment?: string;
  /** A decision: the request it answers. */
  requestId?: string;
  /** A request: who ran the change (user or CI run, host). */
  caller?: DeploymentRecord['caller'];
  /** A request: the plan summary (no secrets), for whoever decides. */
  plan?: PlanSummary;
}
