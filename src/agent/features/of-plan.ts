import { deploymentPlan } from '../../engine/plan/summary.js';
import type { DeploymentRecord, PlanSummary } from '../../records/index.js';
import { configChanges } from './config-changes.js';
import type { EnvironmentHistory } from './environment-history.js';
import type { DeploymentFeatures, FunctionChange } from './features.js';

/** What a deployment was about to do and where: what its features are computed from. */
export interface PlannedDeployment {
  environment: string;
  /** Its plan summary, as `plan --json` shows it and its record keeps it. */
  plan: PlanSummary;
  /** The resolved configuration with secrets as `***`, as the record keeps it. */
  config?: unknown;
  ci: boolean;
  at: Date;
}

const CODE_ACTIONS = new Set(['update-code', 'update-code-and-configuration', 'publish']);

interface ConfigShape {
  backend?: { functions?: Record<string, { name?: unknown } | undefined> };
}

/** Function name → its key in the configuration, so one function is recognised in every environment. */
function functionKeys(config: unknown): Map<string, string> {
  const functions = (config as ConfigShape | undefined)?.backend?.functions ?? {};
  return new Map(
    Object.entries(functions).map(([key, fn]) => [typeof fn?.name === 'string' ? fn.name : key, key]),
  );
}

/** The functions a plan changes, with their configuration keys. */
function functionChanges(plan: PlanSummary, config: unknown): FunctionChange[] {
  const keys = functionKeys(config);
  return (plan.backend?.functions ?? [])
    .map((fn) => ({
      name: fn.name,
      key: keys.get(fn.name) ?? fn.name,
      code: CODE_ACTIONS.has(fn.action),
      configuration: [...(fn.changedFields ?? [])].sort(),
    }))
    .filter((fn) => fn.code || fn.configuration.length > 0)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The features of a planned deployment, given its environment's history (only what started before it counts). */
export function featuresOf(planned: PlannedDeployment, history: EnvironmentHistory): DeploymentFeatures {
  const { plan } = planned;
  const at = planned.at.getTime();
  const before = history.before(at);
  const functions = functionChanges(plan, planned.config);
  const site = plan.frontend;
  const siteChanged = site !== undefined && site.upload + site.delete > 0;
  const apiChanged = Boolean(plan.backend?.api?.redeploy) || plan.backend?.stageVariables !== undefined;
  return {
    environment: planned.environment,
    components: [
      ...(siteChanged ? (['frontend'] as const) : []),
      ...(functions.length > 0 || apiChanged ? (['backend'] as const) : []),
    ],
    files: { uploaded: site?.upload ?? 0, deleted: site?.delete ?? 0, uploadedBytes: site?.uploadBytes ?? 0 },
    functions,
    configChanges: configChanges(before.previousSuccess?.config, planned.config),
    ci: planned.ci,
    weekdayUtc: planned.at.getUTCDay(),
    hourUtc: planned.at.getUTCHours(),
    sincePreviousMs: before.previous ? Math.max(0, at - Date.parse(before.previous.startedAt)) : null,
    failuresLast7Days: before.failuresLast7Days,
  };
}

/** The features of a recorded deployment, as they were before it changed anything. */
export function featuresOfRecord(record: DeploymentRecord, history: EnvironmentHistory): DeploymentFeatures {
  return featuresOf(
    {
      environment: record.environment,
      plan: deploymentPlan(record) ?? { environment: record.environment, nothingToDo: true },
      config: record.config,
      ci: Object.keys(record.caller?.ci ?? {}).length > 0,
      at: new Date(record.startedAt),
    },
    history,
  );
}
