import type { StateStore } from '../../state/store.js';
import { APPROVAL_HISTORY } from './record.js';
import { approvalOf, type PlanApproval } from './state.js';

export interface WaitOptions {
  /** How long to wait at most. */
  timeoutMs: number;
  /** Pause between reads of the store (default 2 s). */
  pollMs?: number;
  /** Called between reads; a thrown error (an interruption) ends the wait. */
  signal?: AbortSignal;
}

/**
 * Reads the environment's approval records until `digest` is approved or rejected, or `timeoutMs` passed;
 * returns what they say then (`none` or `expired` on timeout).
 */
export async function waitForApproval(
  store: StateStore,
  environment: string,
  digest: string,
  options: WaitOptions,
): Promise<PlanApproval> {
  const deadline = Date.now() + options.timeoutMs;
  const pollMs = options.pollMs ?? 2000;
  for (;;) {
    const state = approvalOf(
      await store.listApprovals(environment, { limit: APPROVAL_HISTORY }),
      digest,
      new Date(),
    );
    if (state.status === 'approved' || state.status === 'rejected') return state;
    const left = deadline - Date.now();
    if (left <= 0 || options.signal?.aborted) return state;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, left)));
  }
}

/** An environment's approval records, newest first: for `omnix approvals` and the workflow's approve step. */
export function listApprovals(store: StateStore, environment: string, limit = 50) {
  return store.listApprovals(environment, { limit });
}

/** What the records say about `digest` now. */
export async function findApproval(
  store: StateStore,
  environment: string,
  digest: string,
  now = new Date(),
): Promise<PlanApproval> {
  return approvalOf(await store.listApprovals(environment, { limit: APPROVAL_HISTORY }), digest, now);
}
