import { parseDuration } from '../../core/duration.js';
import { ValidationFailedError } from '../../core/errors.js';
import type { ApprovalRecord, DeploymentRecord, PlanSummary } from '../../records/index.js';
import { newApprovalId, type StateStore } from '../../state/store.js';
import { isApprover, sameIdentity } from './approvers.js';
import { pendingRequests } from './state.js';

/** How many of an environment's newest approval records are read to decide: far more than are ever pending. */
export const APPROVAL_HISTORY = 500;

export interface ApprovalSettings {
  approvers: readonly string[];
  expiresAfter: string;
  allowSelfApproval: boolean;
}

/** Records that a change of `environment` waits for an approval of the plan `planDigest`. */
export async function requestApproval(
  store: StateStore,
  request: {
    environment: string;
    planDigest: string;
    by: string;
    caller?: DeploymentRecord['caller'];
    plan?: PlanSummary;
    now?: Date;
  },
): Promise<ApprovalRecord> {
  const at = request.now ?? new Date();
  const record: ApprovalRecord = {
    id: newApprovalId(request.now),
    environment: request.environment,
    kind: 'requested',
    planDigest: request.planDigest,
    by: request.by,
    at: at.toISOString(),
    ...(request.caller ? { caller: request.caller } : {}),
    ...(request.plan ? { plan: request.plan } : {}),
  };
  await store.putApproval(record);
  return record;
}

export interface Decision {
  environment: string;
  decision: 'approved' | 'rejected';
  /** The AWS identity (ARN) deciding. */
  by: string;
  /** The plan decided on; without it, the newest pending request. */
  planDigest?: string;
  comment?: string;
  now?: Date;
}

/**
 * Records an approval or a rejection of a pending request. Refused (exit 3), with nothing recorded, when
 * no request names that plan in that environment, when `by` is not one of the approvers, or when `by`
 * approves its own request and self-approval is not allowed.
 */
export async function recordApproval(
  store: StateStore,
  settings: ApprovalSettings,
  decision: Decision,
): Promise<ApprovalRecord> {
  const { environment } = decision;
  const at = decision.now ?? new Date();
  const records = await store.listApprovals(environment, { limit: APPROVAL_HISTORY });
  const pending = pendingRequests(records);
  const request = decision.planDigest
    ? records.find((record) => record.kind === 'requested' && record.planDigest === decision.planDigest)
    : pending[0];
  if (!request) throw noSuchRequest(environment, decision.planDigest, pending);
  if (decision.decision === 'approved') {
    if (!isApprover(decision.by, settings.approvers))
      throw new ValidationFailedError(
        'NotAnApprover',
        `${decision.by} may not approve changes of ${environment}: approvals.approvers lists ${settings.approvers.join(', ')}`,
        { hint: 'Ask one of them to approve, or add the identity to approvals.approvers.' },
      );
    if (sameIdentity(decision.by, request.by) && !settings.allowSelfApproval)
      throw new ValidationFailedError(
        'SelfApproval',
        `${decision.by} requested plan ${request.planDigest} of ${environment} and may not approve it too`,
        {
          hint: 'Someone else approves it (approvals.allowSelfApproval: true would allow it, for a team of one).',
        },
      );
  }
  const expiresMs = parseDuration(settings.expiresAfter) ?? 24 * 3_600_000;
  const record: ApprovalRecord = {
    id: newApprovalId(decision.now),
    environment,
    kind: decision.decision,
    planDigest: request.planDigest,
    by: decision.by,
    at: at.toISOString(),
    requestId: request.id,
    ...(decision.decision === 'approved'
      ? { expiresAt: new Date(at.getTime() + expiresMs).toISOString() }
      : {}),
    ...(decision.comment ? { comment: decision.comment } : {}),
  };
  await store.putApproval(record);
  return record;
}

function noSuchRequest(
  environment: string,
  digest: string | undefined,
  pending: readonly ApprovalRecord[],
): ValidationFailedError {
  const waiting =
    pending.length === 0
      ? `no change of ${environment} is waiting for an approval`
      : `waiting: ${pending.map((record) => `plan ${record.planDigest} (requested by ${record.by} at ${record.at})`).join('; ')}`;
  return new ValidationFailedError(
    'NoSuchApprovalRequest',
    digest
      ? `no change of ${environment} asked for an approval of plan ${digest}; ${waiting}`
      : `nothing to approve in ${environment}: ${waiting}`,
    {
      hint: `A deployment that needs an approval records its request (omnix deploy ${environment} --yes exits 5); 'omnix approvals ${environment}' lists them.`,
    },
  );
}
