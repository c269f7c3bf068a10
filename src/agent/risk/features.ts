/**
 * What the risk model knows about one deployment, taken before it changes anything. A plain type, so
 * the model does not care where the history comes from (deployment records today, the agent's memory
 * when it holds them).
 */
export interface DeploymentFeatures {
  environment: string;
  /** `frontend`, `backend`: the components the deployment changes. */
  components: string[];
  filesUploaded: number;
  filesDeleted: number;
  bytesUploaded: number;
  /** Function keys (as in the configuration, the same in every environment) whose code changed. */
  functionsCodeChanged: string[];
  /** Function keys whose configuration (memory, timeout, runtime, handler, environment…) changed. */
  functionsConfigChanged: string[];
  /** Configuration paths that differ from the environment's previous successful deployment. */
  configPathsChanged: string[];
  ci: boolean;
  /** 0 = Sunday, as `Date.getUTCDay`. */
  weekdayUtc: number;
  hourUtc: number;
  /** Null for the environment's first deployment. */
  hoursSincePrevious: number | null;
  /** Failed or rolled-back deployments of the environment in the 7 days before this one. */
  failuresLast7Days: number;
}

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
  ...new Set([...features.functionsCodeChanged, ...features.functionsConfigChanged]),
];
