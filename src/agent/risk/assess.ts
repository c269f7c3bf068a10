import { encode } from './encode.js';
import { factorText } from './factor-text.js';
import type { DeploymentFeatures, LabelledDeployment } from './features.js';
import { effects, fitLogistic, predict } from './logistic.js';

export type RiskLevel = 'low' | 'medium' | 'high' | 'unknown';

export interface RiskFactor {
  /** The model's input, such as `function=worker` or `files`. */
  feature: string;
  /** How much it moved the log-odds of failure from an average deployment's (positive: riskier). */
  effect: number;
  text: string;
}

/** What `plan --json` carries as `agent.risk`. */
export interface RiskAssessment {
  /** Probability (0–1) that the deployment fails or is rolled back; null when the model cannot say. */
  score: number | null;
  level: RiskLevel;
  factors: RiskFactor[];
  /**
   * What the model learned from: `average` is its risk for an average deployment of that history; each
   * factor's `effect` moves the log-odds from there (the odds multiply by e^effect).
   */
  basis: { deployments: number; failures: number; average?: number };
  /** Why there is no score, or what to keep in mind about it. */
  note?: string;
}

export interface RiskSettings {
  /** `agent.riskThreshold`: at or above it the plan is high risk. */
  threshold: number;
  /** `agent.minHistory`: fewer deployments than this give no score. */
  minHistory: number;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
/** Effects smaller than this hardly move the score: not worth a line. */
const NOTICEABLE = 0.05;
const MAX_FACTORS = 5;

export const riskLevel = (score: number, threshold: number): RiskLevel =>
  score >= threshold ? 'high' : score >= threshold / 2 ? 'medium' : 'low';

/**
 * The risk of one planned deployment, from a model fitted on `history` (every environment's, oldest
 * first) just now. No score, and says why, when the history is too short or has one outcome only.
 */
export function assessRisk(
  candidate: DeploymentFeatures,
  history: readonly LabelledDeployment[],
  settings: RiskSettings,
): RiskAssessment {
  const failures = history.filter((past) => past.outcome === 'failed').length;
  const basis = { deployments: history.length, failures };
  const unknown = (note: string): RiskAssessment => ({
    score: null,
    level: 'unknown',
    factors: [],
    basis,
    note,
  });
  if (history.length < settings.minHistory)
    return unknown(
      `not enough history: ${history.length} deployment(s) recorded, ${settings.minHistory} needed (agent.minHistory)`,
    );
  if (failures === 0 || failures === history.length)
    return unknown(
      `all ${history.length} recorded deployments ${failures === 0 ? 'succeeded' : 'failed'}: nothing to tell failure from success by yet`,
    );
  const model = fitLogistic(
    history.map((past) => encode(past.features)),
    history.map((past) => (past.outcome === 'failed' ? 1 : 0)),
  );
  const row = encode(candidate);
  const score = predict(model, row);
  if (!Number.isFinite(score)) return unknown('the model could not be fitted to this history');
  const all = [...effects(model, row)];
  const shown = all
    .filter(([feature, effect]) => Math.abs(effect) >= NOTICEABLE && (row.get(feature) ?? 0) !== 0)
    // What raises the risk most comes first, then what lowers it most: a reader looks for the danger.
    .sort(([a, x], [b, y]) => (x > 0 === y > 0 ? Math.abs(y) - Math.abs(x) : y - x) || a.localeCompare(b))
    .slice(0, MAX_FACTORS);
  const factors: RiskFactor[] = shown.map(([feature, effect]) => ({
    feature,
    effect: round(effect, 2),
    text: factorText(feature, candidate, history),
  }));
  // The factors and the average deployment's risk must account for the score: what the lines above
  // leave out (small effects, and what this plan does not do that earlier deployments did) is one line.
  const named = new Set(shown.map(([feature]) => feature));
  const rest = all.filter(([feature]) => !named.has(feature)).reduce((sum, [, effect]) => sum + effect, 0);
  if (Math.abs(rest) >= NOTICEABLE)
    factors.push({
      feature: 'other',
      effect: round(rest, 2),
      text: 'everything else about this plan together, including what earlier deployments changed and this one does not',
    });
  const average = round(1 / (1 + Math.exp(-model.intercept)), 2);
  return {
    score: round(score, 2),
    level: riskLevel(score, settings.threshold),
    factors,
    basis: { ...basis, average },
  };
}
