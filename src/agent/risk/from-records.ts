import { leafDifferences } from '../../config/paths.js';
import type { DeploymentRecord } from '../../state/records.js';
import type { DeploymentFeatures, LabelledDeployment, Outcome } from './features.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;

interface PlanShape {
  nothingToDo?: boolean;
  frontend?: { upload?: number; delete?: number; uploadBytes?: number };
  backend?: { functions?: Array<{ name?: string; action?: string; changedFields?: string[] }> };
}

interface ConfigShape {
  backend?: { functions?: Record<string, { name?: string }> };
}

/** What the deployment was about to do and where: the inputs every feature is computed from. */
export interface PlannedDeployment {
  environment: string;
  /** The plan summary (`plan --json` without `agent`), as the record keeps it. */
  plan: Record<string, unknown>;
  /** The resolved configuration with secrets as `***`, as the record keeps it. */
  config?: unknown;
  ci: boolean;
  at: Date;
}

const outcomeOf = (status: DeploymentRecord['status']): Outcome | undefined =>
  status === 'succeeded'
    ? 'succeeded'
    : status === 'failed' || status === 'rolled_back'
      ? 'failed'
      : undefined;

/** Function name → key of the configuration, so one function is recognised in every environment. */
function functionKeys(config: unknown): Map<string, string> {
  const functions = (config as ConfigShape | undefined)?.backend?.functions ?? {};
  return new Map(Object.entries(functions).map(([key, fn]) => [fn?.name ?? key, key]));
}

/**
 * The features of a planned deployment, given the earlier records of its environment (any order;
 * records at or after `planned.at` are ignored).
 */
export function featuresOf(
  planned: PlannedDeployment,
  earlier: readonly DeploymentRecord[],
): DeploymentFeatures {
  const plan = planned.plan as PlanShape;
  const before = earlier
    .filter(
      (record) =>
        record.environment === planned.environment && Date.parse(record.startedAt) < planned.at.getTime(),
    )
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const keys = functionKeys(planned.config);
  const keyOf = (name: string | undefined) => keys.get(name ?? '') ?? name ?? 'unknown';
  const functions = plan.backend?.functions ?? [];
  const codeChanged = functions.filter((fn) => /code|publish/.test(fn.action ?? ''));
  const configChanged = functions.filter((fn) => (fn.changedFields ?? []).length > 0);
  const components = [
    ...(plan.frontend && (plan.frontend.upload ?? 0) + (plan.frontend.delete ?? 0) > 0 ? ['frontend'] : []),
    ...(codeChanged.length + configChanged.length > 0 ? ['backend'] : []),
  ];
  const previousGood = before.find((record) => record.status === 'succeeded' && record.config !== undefined);
  const configPathsChanged =
    previousGood && planned.config !== undefined
      ? leafDifferences(previousGood.config, planned.config).map((difference) => difference.path)
      : [];
  const previous = before[0];
  const weekAgo = planned.at.getTime() - WEEK_MS;
  return {
    environment: planned.environment,
    components,
    filesUploaded: plan.frontend?.upload ?? 0,
    filesDeleted: plan.frontend?.delete ?? 0,
    bytesUploaded: plan.frontend?.uploadBytes ?? 0,
    functionsCodeChanged: [...new Set(codeChanged.map((fn) => keyOf(fn.name)))].sort(),
    functionsConfigChanged: [...new Set(configChanged.map((fn) => keyOf(fn.name)))].sort(),
    configPathsChanged: configPathsChanged.sort(),
    ci: planned.ci,
    weekdayUtc: planned.at.getUTCDay(),
    hourUtc: planned.at.getUTCHours(),
    hoursSincePrevious: previous ? (planned.at.getTime() - Date.parse(previous.startedAt)) / 3_600_000 : null,
    failuresLast7Days: before.filter(
      (record) => outcomeOf(record.status) === 'failed' && Date.parse(record.startedAt) >= weekAgo,
    ).length,
  };
}

/** Whether a record has the shape the features are read from (records are read from storage, not trusted). */
function readable(record: DeploymentRecord): boolean {
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.environment === 'string' &&
    typeof record.status === 'string' &&
    typeof record.startedAt === 'string' &&
    Number.isFinite(Date.parse(record.startedAt)) &&
    (record.plan === undefined || (typeof record.plan === 'object' && record.plan !== null))
  );
}

/** What the model can learn from a store's records, oldest first, and how many records it could not read. */
export interface LearnableHistory {
  deployments: LabelledDeployment[];
  unreadable: number;
}

/**
 * Deployments that changed something and ended (succeeded, failed, rolled back), with their features:
 * manual rollbacks, interrupted and running deployments and plans with nothing to do are left out.
 */
export function learnableHistory(records: readonly DeploymentRecord[]): LearnableHistory {
  const good = records.filter(readable);
  const deployments: LabelledDeployment[] = [];
  for (const record of good) {
    const outcome = outcomeOf(record.status);
    if (!outcome || record.rollbackTo !== undefined || !record.plan || record.plan.nothingToDo === true)
      continue;
    deployments.push({
      id: record.id,
      startedAt: record.startedAt,
      outcome,
      features: featuresOf(
        {
          environment: record.environment,
          plan: record.plan,
          config: record.config,
          ci: record.caller?.ci !== undefined,
          at: new Date(record.startedAt),
        },
        good,
      ),
    });
  }
  deployments.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  return { deployments, unreadable: records.length - good.length };
}
