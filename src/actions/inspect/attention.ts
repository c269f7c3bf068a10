import type { DeploymentRecord } from '../../records/index.js';

/** Why an environment needs a person: which deployment left it so, and what still differs. */
export interface Attention {
  deploymentId: string;
  differences: string[];
  error: string | null;
}

/**
 * The deployment that left the environment in neither its old nor its new release, if no later one
 * made it consistent again. Of `recent` (newest first), a later deployment, rollback or recovery that
 * succeeded clears it; one that failed, was rolled back or changed nothing does not.
 */
export function needsAttention(recent: readonly DeploymentRecord[]): Attention | null {
  for (const record of recent) {
    if (record.needsAttention)
      return {
        deploymentId: record.id,
        differences: record.rollback?.differences ?? [],
        error: record.rollback?.error?.message ?? record.errors[0]?.message ?? null,
      };
    if (record.status === 'succeeded') return null;
  }
  return null;
}
