import type { LoadedConfig } from '../../config/load.js';
import { redactConfig } from '../../config/secrets.js';
import { callerIdentity } from '../../engine/change/caller.js';
import type { PlanSummary } from '../../records/index.js';
import type { StateStore } from '../../state/store.js';
import { EnvironmentHistory, featuresOf } from '../features/index.js';
import { assessRisk, type RiskAssessment } from './assess.js';
import { learnableHistory } from './from-records.js';
import { projectRecords } from './project-records.js';

/** What `agent.risk` of a plan summary holds: the assessment and the threshold it was judged by. */
export type PlanRisk = RiskAssessment & { threshold: number };

/** The risk of the planned deployment `summary`, from a model trained on the project's history just now. */
export async function planRisk(
  loaded: LoadedConfig,
  store: StateStore,
  summary: PlanSummary,
  env: Readonly<Record<string, string | undefined>>,
  at: Date,
): Promise<PlanRisk> {
  const { config } = loaded;
  const { records, unreadable } = await projectRecords(loaded, store);
  const history = learnableHistory(records);
  const candidate = featuresOf(
    {
      environment: loaded.environment,
      plan: summary,
      config: redactConfig(config, loaded.secretPaths),
      ci: Object.keys(callerIdentity(env).ci ?? {}).length > 0,
      at,
    },
    new EnvironmentHistory(records.filter((record) => record.environment === loaded.environment)),
  );
  const risk = assessRisk(candidate, history.deployments, {
    threshold: config.agent.riskThreshold,
    minHistory: config.agent.minHistory,
  });
  const skipped = history.unreadable + unreadable.length;
  const note = [
    risk.note,
    skipped > 0 ? `${skipped} unreadable record(s) or environment(s) left out` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  return { ...risk, ...(note ? { note } : {}), threshold: config.agent.riskThreshold };
}
