import { deploymentPlan } from '../../engine/plan/summary.js';
import type { DeploymentRecord } from '../../records/index.js';
import { classify } from '../catalogue/catalogue.js';
import { evidenceOfRecord, quotedAwsError } from '../catalogue/evidence.js';
import type { FailureEvidence } from '../catalogue/known-failure.js';
import { EnvironmentHistory, featuresOfRecord } from '../features/index.js';
import { type DeploymentMemory, MEMORY_SCHEMA_VERSION } from './record.js';
import { signatureOf } from './signature.js';
import { siteDigest } from './site-digest.js';

/** The parts of a recorded configuration that name resources (any of them may be missing in old records). */
interface RecordedConfig {
  project?: unknown;
  frontend?: { bucket?: unknown; distributionId?: unknown };
  backend?: {
    functions?: Record<string, { name?: unknown; alias?: unknown } | undefined>;
    api?: { id?: unknown; name?: unknown; stage?: unknown };
  };
  state?: { bucket?: unknown; table?: unknown };
}

export interface LearnOptions {
  change: DeploymentMemory['change'];
  /**
   * The environment's deployment records (any order), or their history indexed once (for many records
   * of one history): for the previous configuration, the gap since the previous deployment, recent failures.
   */
  history: readonly DeploymentRecord[] | EnvironmentHistory;
  learnedFrom: DeploymentMemory['learnedFrom'];
  /** Hides known secret values in text; applied before anything is derived from an error message. */
  hide?: (text: string) => string;
}

/** Names the configuration gives to resources: left out of signatures so they recur across environments. */
export function resourceNames(record: DeploymentRecord): string[] {
  const config = (record.config ?? {}) as RecordedConfig;
  const plan = deploymentPlan(record);
  const functions = Object.values(config.backend?.functions ?? {});
  return [
    record.environment,
    config.project,
    config.frontend?.bucket,
    config.frontend?.distributionId,
    plan?.frontend?.bucket,
    plan?.frontend?.distributionId,
    plan?.backend?.api?.restApiId,
    plan?.backend?.api?.apiId,
    plan?.backend?.api?.stage,
    config.backend?.api?.id,
    config.backend?.api?.name,
    config.backend?.api?.stage,
    config.state?.bucket,
    config.state?.table,
    ...functions.flatMap((fn) => [fn?.name, fn?.alias]),
    ...Object.keys(record.artifacts?.functions ?? {}),
  ].filter((name): name is string => typeof name === 'string' && name !== '' && name !== '***');
}

function changeKind(record: DeploymentRecord): DeploymentMemory['change'] {
  if (record.rollbackTo !== undefined) return 'rollback';
  if (record.recoveryOf?.length && !record.plan) return 'recover';
  return 'deploy';
}

/** What the agent keeps of a finished deployment record: features, outcome, signatures, recoveries. */
export function learnFromRecord(
  record: DeploymentRecord,
  options: Partial<LearnOptions> = {},
): DeploymentMemory | undefined {
  if (record.status === 'in_progress') return undefined;
  const hide = options.hide ?? ((text: string) => text);
  const history = options.history ?? [];
  const features = featuresOfRecord(
    record,
    history instanceof EnvironmentHistory
      ? history
      : new EnvironmentHistory(history.filter((other) => other.environment === record.environment)),
  );
  const functions = record.artifacts?.functions ?? {};
  const files = record.artifacts?.files;
  const site = files ? siteDigest(files) : undefined;
  const codeChanged = features.functions.filter((fn) => fn.code).map((fn) => fn.name);
  const names = resourceNames(record);
  const failedPhase = record.phases.find((phase) => phase.outcome === 'failed')?.name;

  const evidence: Array<{ phase?: string; evidence: FailureEvidence }> = record.errors.map((error, index) => {
    const first = index === 0 ? evidenceOfRecord(record) : undefined;
    const awsError = quotedAwsError(error.message);
    return {
      ...(failedPhase ? { phase: failedPhase } : {}),
      evidence: first ?? { code: error.code, message: error.message, ...(awsError ? { awsError } : {}) },
    };
  });
  if (record.rollback?.error)
    evidence.push({
      phase: 'rollback',
      evidence: { code: record.rollback.error.code, message: record.rollback.error.message },
    });

  return {
    schemaVersion: MEMORY_SCHEMA_VERSION,
    kind: 'deployment',
    id: record.id,
    environment: record.environment,
    change: options.change ?? changeKind(record),
    startedAt: record.startedAt,
    ...(record.finishedAt ? { finishedAt: record.finishedAt } : {}),
    outcome: record.status,
    changedSomething: record.changes.length > 0,
    features: {
      components: features.components,
      files: features.files,
      functions: {
        codeChanged,
        configurationChanged: Object.fromEntries(
          features.functions
            .filter((fn) => fn.configuration.length > 0)
            .map((fn) => [fn.name, fn.configuration]),
        ),
      },
      configChanges: features.configChanges,
      artifacts: {
        ...(site ? { siteDigest: site, files } : {}),
        ...(record.artifacts?.functions ? { functions } : {}),
      },
      introduced: {
        ...(site && features.components.includes('frontend') ? { siteDigest: site } : {}),
        functionCode: [
          ...new Set(codeChanged.filter((name) => functions[name]).map((name) => functions[name]!)),
        ],
      },
      ci: features.ci,
      weekdayUtc: features.weekdayUtc,
      hourUtc: features.hourUtc,
      ...(features.sincePreviousMs !== null ? { sincePreviousMs: features.sincePreviousMs } : {}),
      failuresLast7Days: features.failuresLast7Days,
    },
    errors: evidence.map(({ phase, evidence: found }) => {
      const hidden = {
        ...found,
        message: hide(found.message),
        ...(found.failedChecks
          ? { failedChecks: found.failedChecks.map((check) => ({ ...check, message: hide(check.message) })) }
          : {}),
      };
      const failure = classify(hidden)?.id;
      return {
        ...(phase ? { phase } : {}),
        signature: signatureOf(hidden, names),
        ...(failure ? { failure } : {}),
      };
    }),
    recoveries: (record.recoveries ?? []).map((recovery) => ({
      failure: recovery.failure,
      phase: recovery.phase,
      ...(recovery.operation ? { operation: recovery.operation } : {}),
      attempts: recovery.attempts,
      outcome: recovery.outcome,
    })),
    learnedFrom: options.learnedFrom ?? 'recorded',
  };
}
