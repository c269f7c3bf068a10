import type { DeploymentFeatures } from '../features/index.js';

export type { DeploymentFeatures } from '../features/index.js';

/** What the model predicts: failed covers both failed and rolled back. */
export type Outcome = 'failed' | 'succeeded';

/** One past deployment the model learns from. */
export interface LabelledDeployment {
  id: string;
  startedAt: string;
  features: DeploymentFeatures;
  outcome: Outcome;
}

/** Every function key a deployment touched, code or configuration. */
export const functionsTouched = (features: DeploymentFeatures): string[] => [
  ...new Set(features.functions.map((fn) => fn.key)),
];
