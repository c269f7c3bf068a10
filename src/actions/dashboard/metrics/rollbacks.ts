import type { Deployment } from './classify.js';
import { durationMs } from './classify.js';

/**
 * One rollback: `automatic` (a failed deployment putting back what was live before it; its duration is
 * the rollback's own), `manual` (`omnix rollback`: the whole command), or `recovery` (`omnix recover`
 * putting back an interrupted deployment's snapshot: the whole command).
 */
export interface Rollback {
  deploymentId: string;
  kind: 'automatic' | 'manual' | 'recovery';
  at: string;
  durationMs: number;
  outcome: 'restored' | 'failed';
  /** A manual rollback: the release it made live again. */
  toRelease: number | null;
}

/** Every finished rollback of the environment, oldest first (`deployments` oldest first). */
export function rollbacks(deployments: readonly Deployment[]): Rollback[] {
  const found: Rollback[] = [];
  for (const deployment of deployments) {
    const { record, status } = deployment;
    if (record.rollback) {
      found.push({
        deploymentId: record.id,
        kind: 'automatic',
        at: record.rollback.startedAt,
        durationMs: record.rollback.durationMs,
        outcome: record.rollback.outcome,
        toRelease: null,
      });
      continue;
    }
    const restoring = record.rollbackTo !== undefined || (record.recoveryOf?.length && !record.release);
    const ms = durationMs(record);
    if (!restoring || status === 'in_progress' || ms === null) continue;
    found.push({
      deploymentId: record.id,
      kind: record.rollbackTo !== undefined ? 'manual' : 'recovery',
      at: record.startedAt,
      durationMs: ms,
      outcome: status === 'succeeded' ? 'restored' : 'failed',
      toRelease: record.rollbackTo ?? null,
    });
  }
  return found;
}
