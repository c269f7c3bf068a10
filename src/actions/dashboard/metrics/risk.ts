import { deploymentPlan } from '../../../engine/plan/summary.js';
import type { PlanSummary } from '../../../records/index.js';
import { type Deployment, ended, isDelivery, unsuccessful } from './classify.js';
import { ratio } from './stats.js';

/** A delivery whose plan carried the agent's risk score, and how it then went. */
export interface ScoredDeployment {
  deploymentId: string;
  startedAt: string;
  score: number;
  level: string;
  outcome: 'succeeded' | 'failed';
}

/** Of the deliveries the agent gave one level of risk, how many failed (failed, rolled back, interrupted). */
export interface RiskLevelOutcomes {
  level: string;
  deployments: number;
  failures: number;
  failureRate: number | null;
}

export interface RiskAgainstOutcomes {
  scored: ScoredDeployment[];
  byLevel: RiskLevelOutcomes[];
  /** Finished deliveries without a score (the agent off, or too little history to score them). */
  unscored: number;
}

const LEVEL_ORDER = ['low', 'medium', 'high'];

/** The score of `agent.risk` in a plan summary, when it holds one (0–1). */
function riskOf(plan: PlanSummary | undefined): { score: number; level: string } | undefined {
  // Records are read from storage: the shape is checked, not trusted.
  const agent = plan?.agent as { risk?: { score?: unknown; level?: unknown } } | undefined;
  const score = agent?.risk?.score;
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1) return undefined;
  const level = typeof agent?.risk?.level === 'string' ? agent.risk.level : 'unknown';
  return { score, level };
}

/** The agent's risk scores (`plan.agent.risk`) next to what then happened. */
export function riskAgainstOutcomes(deployments: readonly Deployment[]): RiskAgainstOutcomes {
  const finished = deployments.filter((deployment) => ended(deployment) && isDelivery(deployment));
  const scored: ScoredDeployment[] = [];
  for (const deployment of finished) {
    const risk = riskOf(deploymentPlan(deployment.record));
    if (!risk) continue;
    scored.push({
      deploymentId: deployment.record.id,
      startedAt: deployment.record.startedAt,
      ...risk,
      outcome: unsuccessful(deployment) ? 'failed' : 'succeeded',
    });
  }
  const levels = [...new Set(scored.map((entry) => entry.level))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  const byLevel = levels.map((level) => {
    const at = scored.filter((entry) => entry.level === level);
    const failures = at.filter((entry) => entry.outcome === 'failed').length;
    return { level, deployments: at.length, failures, failureRate: ratio(failures, at.length) };
  });
  return { scored, byLevel, unscored: finished.length - scored.length };
}

const rank = (level: string) => {
  const at = LEVEL_ORDER.indexOf(level);
  return at === -1 ? LEVEL_ORDER.length : at;
};
