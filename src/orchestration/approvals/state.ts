import type { ApprovalRecord } from '../../records/index.js';

/** What the approval records of one environment say about one plan digest, at `now`. */
export type PlanApproval =
  | { status: 'approved'; decision: ApprovalRecord }
  | { status: 'rejected'; decision: ApprovalRecord }
  | { status: 'expired'; decision: ApprovalRecord }
  | { status: 'none' };

/** The newest decision on `digest` counts; an approval past its `expiresAt` no longer does. */
export function approvalOf(records: readonly ApprovalRecord[], digest: string, now: Date): PlanApproval {
  const decision = newestFirst(records).find(
    (record) => record.planDigest === digest && record.kind !== 'requested',
  );
  if (!decision) return { status: 'none' };
  if (decision.kind === 'rejected') return { status: 'rejected', decision };
  if (decision.expiresAt && Date.parse(decision.expiresAt) <= now.getTime())
    return { status: 'expired', decision };
  return { status: 'approved', decision };
}

/** Requests no decision answered since they were made, newest first (one per plan digest). */
export function pendingRequests(records: readonly ApprovalRecord[]): ApprovalRecord[] {
  const decided = new Set<string>();
  const pending: ApprovalRecord[] = [];
  for (const record of newestFirst(records)) {
    if (decided.has(record.planDigest)) continue;
    decided.add(record.planDigest);
    if (record.kind === 'requested') pending.push(record);
  }
  return pending;
}

/** Approvals still in force for plans other than `digest`: what a changed plan no longer has. */
export function approvalsOfOtherPlans(
  records: readonly ApprovalRecord[],
  digest: string,
  now: Date,
): ApprovalRecord[] {
  const digests = new Set(records.map((record) => record.planDigest));
  digests.delete(digest);
  return [...digests].flatMap((other) => {
    const approval = approvalOf(records, other, now);
    return approval.status === 'approved' ? [approval.decision] : [];
  });
}

function newestFirst(records: readonly ApprovalRecord[]): ApprovalRecord[] {
  return [...records].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
