import type { DeploymentRecord } from '../../state/records.js';
import { classify } from '../catalogue/catalogue.js';
import { evidenceOfRecord, quotedAwsError } from '../catalogue/evidence.js';
import type { FailureEvidence } from '../catalogue/known-failure.js';
import { configChanges, siteDigest } from './digests.js';
import { type DeploymentMemory, MEMORY_SCHEMA_VERSION } from './record.js';
import { signatureOf } from './signature.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;
const CODE_ACTIONS = new Set(['update-code', 'update-code-and-configuration', 'publish']);

interface PlanSummary {
  frontend?: {
    bucket?: string;
    distributionId?: string;
    upload?: number;
    delete?: number;
    uploadBytes?: number;
  };
  backend?: {
    functions?: Array<{ name: string; action: string; changedFields?: string[] }>;
    api?: { restApiId?: string; stage?: string; redeploy?: string };
  };
}

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
  /** The environment's deployment records (any order): for the previous configuration, gaps and recent failures. */
  history: readonly DeploymentRecord[];
  learnedFrom: DeploymentMemory['learnedFrom'];
  /** Hides known secret values in text; applied before anything is derived from an error message. */
  hide?: (text: string) => string;
}

/** Names the configuration gives to resources: left out of signatures so they recur across environments. */
export function resourceNames(record: DeploymentRecord): string[] {
  const config = (record.config ?? {}) as RecordedConfig;
  const plan = (record.plan ?? {}) as PlanSummary;
  const functions = Object.values(config.backend?.functions ?? {});
  return [
    record.environment,
    config.project,
    config.frontend?.bucket,
    config.frontend?.distributionId,
    plan.frontend?.bucket,
    plan.frontend?.distributionId,
    plan.backend?.api?.restApiId,
    plan.backend?.api?.stage,
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
  const started = Date.parse(record.startedAt);
  const earlier = history
    .filter((other) => other.environment === record.environment && other.id < record.id)
    .sort((a, b) => (a.id < b.id ? 1 : -1));
  const previousRelease = earlier.find((other) => other.status === 'succeeded' && other.config !== undefined);
  const plan = (record.plan ?? {}) as PlanSummary;
  const planned = plan.backend?.functions ?? [];
  const functions = record.artifacts?.functions ?? {};
  const files = record.artifacts?.files;
  const site = files ? siteDigest(files) : undefined;
  const siteChanged = (plan.frontend?.upload ?? 0) + (plan.frontend?.delete ?? 0) > 0;
  const backendChanged =
    planned.some((fn) => fn.action !== 'unchanged') || Boolean(plan.backend?.api?.redeploy);
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
      components: [
        ...(siteChanged ? (['frontend'] as const) : []),
        ...(backendChanged ? (['backend'] as const) : []),
      ],
      files: {
        uploaded: plan.frontend?.upload ?? 0,
        deleted: plan.frontend?.delete ?? 0,
        uploadedBytes: plan.frontend?.uploadBytes ?? 0,
      },
      functions: {
        codeChanged: planned.filter((fn) => CODE_ACTIONS.has(fn.action)).map((fn) => fn.name),
        configurationChanged: Object.fromEntries(
          planned
            .filter((fn) => (fn.changedFields ?? []).length > 0)
            .map((fn) => [fn.name, fn.changedFields!]),
        ),
      },
      configChanges: configChanges(previousRelease?.config, record.config),
      artifacts: {
        ...(site ? { siteDigest: site, files } : {}),
        ...(record.artifacts?.functions ? { functions } : {}),
      },
      introduced: {
        ...(site && siteChanged ? { siteDigest: site } : {}),
        functionCode: [
          ...new Set(
            planned
              .filter((fn) => CODE_ACTIONS.has(fn.action) && functions[fn.name])
              .map((fn) => functions[fn.name]!),
          ),
        ],
      },
      ci: Object.keys(record.caller.ci ?? {}).length > 0,
      weekdayUtc: new Date(started).getUTCDay(),
      hourUtc: new Date(started).getUTCHours(),
      ...(earlier[0] ? { sincePreviousMs: Math.max(0, started - Date.parse(earlier[0].startedAt)) } : {}),
      failuresLast7Days: earlier.filter(
        (other) =>
          (other.status === 'failed' || other.status === 'rolled_back') &&
          started - Date.parse(other.startedAt) <= WEEK_MS,
      ).length,
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
