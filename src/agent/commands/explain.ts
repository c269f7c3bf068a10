import type { DeploymentRecord } from '../../records/index.js';
import { classify } from '../catalogue/catalogue.js';
import { evidenceOfRecord } from '../catalogue/evidence.js';
import type { KnownFailure, NextAction } from '../catalogue/known-failure.js';
import { resourceNames } from '../memory/learn.js';
import { signatureKey, signatureOf } from '../memory/signature.js';

/** What `omnix agent explain` says about one deployment. */
export interface Explanation {
  deploymentId: string;
  environment: string;
  status: DeploymentRecord['status'];
  /** Absent when it did not fail. */
  signature?: string;
  failure?: { id: string; title: string };
  explanation: string;
  remedy?: string;
  automaticRecovery?: string;
  /** What omnix already did about it: recoveries tried, the automatic rollback. */
  done: string[];
  /** The command to run next, if any. */
  next?: string;
}

const NEXT_COMMAND: Record<NextAction, (record: DeploymentRecord) => string> = {
  retry: (record) => `omnix deploy ${record.environment}`,
  recover: (record) => `omnix recover ${record.environment}`,
  rollback: (record) => `omnix rollback ${record.environment}`,
  'break-lock': (record) => `omnix agent fix ${record.environment}`,
  'fix-and-redeploy': (record) => `omnix deploy ${record.environment} (after the fix)`,
};

/** Explains a deployment record: its failure's signature, what it means, what was done, what to run next. */
export function explainDeployment(record: DeploymentRecord): Explanation {
  const base = { deploymentId: record.id, environment: record.environment, status: record.status };
  const done = [
    ...(record.recoveries ?? []).map(
      (recovery) =>
        `${recovery.outcome === 'recovered' ? 'recovered from' : 'tried to recover from'} ${recovery.failure}: ${recovery.action} (${recovery.attempts} attempt(s))`,
    ),
    ...(record.rollback
      ? [
          record.rollback.outcome === 'restored'
            ? `rolled back automatically in ${record.rollback.durationMs} ms: what was live before is live again`
            : 'tried to roll back automatically, but could not restore everything',
        ]
      : []),
    ...(record.recoveredBy ? [`${record.recoveredBy.how} by ${record.recoveredBy.deploymentId}`] : []),
  ];
  const evidence = evidenceOfRecord(record);
  if (!evidence || record.status === 'succeeded')
    return {
      ...base,
      explanation:
        record.status === 'in_progress'
          ? 'It is still in progress, or its process died (omnix status shows which).'
          : `It ${record.status.replace('_', ' ')}: there is no failure to explain.`,
      done,
    };
  const entry: KnownFailure | undefined = classify(evidence);
  const signature = signatureKey(signatureOf(evidence, resourceNames(record)));
  const recovered = record.recoveredBy !== undefined;
  return {
    ...base,
    signature,
    ...(entry ? { failure: { id: entry.id, title: entry.title } } : {}),
    explanation: entry?.explanation ?? `Not a failure the agent knows: ${evidence.code}: ${evidence.message}`,
    ...(entry ? { remedy: entry.remedy } : {}),
    ...(entry?.automaticRecovery ? { automaticRecovery: entry.automaticRecovery } : {}),
    done,
    ...(entry && !recovered ? { next: NEXT_COMMAND[entry.next](record) } : {}),
  };
}
