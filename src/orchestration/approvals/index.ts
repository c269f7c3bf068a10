/** The approval gate's library: what commands, the engine's extension and workflows use. */
export { isApprover, sameIdentity } from './approvers.js';
export { type DecideOptions, decide } from './decide.js';
export { planDigest } from './digest.js';
export { type ApprovalGateOptions, approvalGate, approveCommand } from './gate.js';
export {
  APPROVAL_HISTORY,
  type ApprovalSettings,
  type Decision,
  recordApproval,
  requestApproval,
} from './record.js';
export { approvalOf, approvalsOfOtherPlans, type PlanApproval, pendingRequests } from './state.js';
export { findApproval, listApprovals, type WaitOptions, waitForApproval } from './wait.js';
