import { encode } from './encode.js';
import type { LabelledDeployment } from './features.js';
import { fitLogistic, predict } from './logistic.js';
import { auc, brier } from './metrics.js';

export interface RiskEvaluation {
  /** Deployments scored: each by a model trained only on the ones before it. */
  scored: number;
  /** Deployments in the history (all environments). */
  deployments: number;
  failures: number;
  /** Failure rate among the scored deployments. */
  baseRate: number | null;
  auc: number | null;
  brier: number | null;
  /** The Brier score of always predicting the base rate: a useful score beats it. */
  baselineBrier: number | null;
  verdict: 'trust' | 'hint' | 'no-signal' | 'not-enough-history';
  text: string;
}

const round = (value: number | null) => (value === null ? null : Number(value.toFixed(3)));

/**
 * Walks the history in time order: trains on the past, scores the next deployment, moves on. Only
 * deployments of `environment` are scored when one is given (the model still learns from all).
 */
export function evaluateRisk(
  history: readonly LabelledDeployment[],
  options: { minHistory: number; environment?: string },
): RiskEvaluation {
  const scores: number[] = [];
  const labels: number[] = [];
  for (let i = options.minHistory; i < history.length; i++) {
    const next = history[i]!;
    if (options.environment && next.features.environment !== options.environment) continue;
    const past = history.slice(0, i);
    const pastLabels = past.map((deployment) => (deployment.outcome === 'failed' ? 1 : 0));
    const pastFailures = pastLabels.reduce<number>((sum, y) => sum + y, 0);
    if (pastFailures === 0 || pastFailures === past.length) continue;
    const model = fitLogistic(
      past.map((deployment) => encode(deployment.features)),
      pastLabels,
    );
    scores.push(predict(model, encode(next.features)));
    labels.push(next.outcome === 'failed' ? 1 : 0);
  }
  const failures = history.filter((deployment) => deployment.outcome === 'failed').length;
  const positives = labels.reduce((sum, y) => sum + y, 0);
  const baseRate = labels.length > 0 ? positives / labels.length : null;
  const area = auc(scores, labels);
  const score = brier(scores, labels);
  const baselineBrier = baseRate === null ? null : baseRate * (1 - baseRate);
  const judged = judge(labels.length, positives, area, score, baselineBrier);
  return {
    scored: labels.length,
    deployments: history.length,
    failures,
    baseRate: round(baseRate),
    auc: round(area),
    brier: round(score),
    baselineBrier: round(baselineBrier),
    ...judged,
  };
}

/** Fewer scored deployments or failures than these, and any figure is mostly luck. */
const MIN_SCORED = 10;
const MIN_FAILURES = 3;

/** The verdict on a score from how it did on deployments it had not seen: shared by `agent evaluate` and the bench. */
export function judge(
  scored: number,
  failures: number,
  area: number | null,
  score: number | null,
  baseline: number | null,
): Pick<RiskEvaluation, 'verdict' | 'text'> {
  if (scored < MIN_SCORED || failures < MIN_FAILURES || failures === scored || area === null)
    return {
      verdict: 'not-enough-history',
      text: `not enough history to judge the score yet: ${scored} deployment(s) could be scored, ${failures} of them failed (at least ${MIN_SCORED} scored and ${MIN_FAILURES} failures needed)`,
    };
  const beatsBaseline = score !== null && baseline !== null && score < baseline;
  // Hanley & McNeil's standard error: an AUC within two of them of 0.5 could be luck.
  const lower = area - 2 * aucStandardError(area, failures, scored - failures);
  if (lower <= 0.5)
    return {
      verdict: 'no-signal',
      text: `not enough signal: AUC ${area.toFixed(2)} on ${scored} deployments cannot be told from chance (0.5); the recorded features do not explain the failures so far`,
    };
  if (area >= 0.75 && beatsBaseline)
    return {
      verdict: 'trust',
      text: `worth trusting: it ranks a failing deployment above a succeeding one ${Math.round(area * 100)}% of the time, and its probabilities beat always guessing the base rate`,
    };
  if (area >= 0.6)
    return {
      verdict: 'hint',
      text: `a hint, not a verdict: AUC ${area.toFixed(2)}${beatsBaseline ? '' : ', and its probabilities are no better than the base rate'}`,
    };
  return {
    verdict: 'no-signal',
    text: `not enough signal: AUC ${area.toFixed(2)} is close to chance (0.5); the recorded features do not explain the failures so far`,
  };
}

function aucStandardError(area: number, positives: number, negatives: number): number {
  const q1 = area / (2 - area);
  const q2 = (2 * area * area) / (1 + area);
  const variance =
    (area * (1 - area) + (positives - 1) * (q1 - area * area) + (negatives - 1) * (q2 - area * area)) /
    (positives * negatives);
  return Math.sqrt(Math.max(variance, 0));
}
