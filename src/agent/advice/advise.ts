import type { Advice, AdviceInput, AdviceRule } from './advice.js';
import { deprecatedRuntimes, functionsWithoutHealthCheck, packagesNearLimits } from './config-advice.js';
import {
  canaryForRisk,
  concurrency,
  failureTimes,
  flakyHealthChecks,
  invalidationWaits,
} from './history-advice.js';
import { type PracticeScore, scorePractices } from './practices.js';

const RULES: AdviceRule[] = [
  invalidationWaits,
  packagesNearLimits,
  deprecatedRuntimes,
  flakyHealthChecks,
  failureTimes,
  canaryForRisk,
  functionsWithoutHealthCheck,
  concurrency,
];

export interface EnvironmentAdvice {
  environment: string;
  deployments: number;
  advice: Advice[];
  practices: PracticeScore[];
  /** Practices met, of those that could be checked. */
  score: { met: number; checked: number };
}

/** The advice and the best-practice scores of one environment. */
export async function adviseEnvironment(input: AdviceInput): Promise<EnvironmentAdvice> {
  const advice = (await Promise.all(RULES.map((rule) => rule(input)))).flat();
  const practices = scorePractices(input);
  const checked = practices.filter((practice) => practice.ok !== null);
  return {
    environment: input.environment,
    deployments: input.records.length,
    advice,
    practices,
    score: { met: checked.filter((practice) => practice.ok).length, checked: checked.length },
  };
}
