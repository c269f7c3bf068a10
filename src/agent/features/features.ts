/** A function a deployment changes: its name in the environment and its key in the configuration. */
export interface FunctionChange {
  name: string;
  /** The key under `backend.functions`: the same function has the same key in every environment. */
  key: string;
  /** Its code changes, or its alias moves to a version not live before (`publish`). */
  code: boolean;
  /** The configuration fields that change (memory, timeout, environment, ...); empty when none do. */
  configuration: string[];
}

/**
 * What is known about one deployment before it changes anything: read from its plan, its configuration
 * and its environment's earlier deployments. The risk model and the agent's memory both read these,
 * so each feature has one meaning, given with it.
 */
export interface DeploymentFeatures {
  environment: string;
  /**
   * The parts it changes: `frontend` when it uploads or deletes a site file; `backend` when a function
   * changes (code, configuration, or an alias moved to a new version) or the API stage gets a new
   * deployment or new variables. A function the plan finds missing is not a change it makes.
   */
  components: Array<'frontend' | 'backend'>;
  files: { uploaded: number; deleted: number; uploadedBytes: number };
  /** The functions it changes, by name (sorted). */
  functions: FunctionChange[];
  /**
   * The deployed configuration's paths (`frontend`, `backend`) that differ from the environment's
   * previous successful deployment, each with the digest of its new value; secret values are left out,
   * and a first deployment has none.
   */
  configChanges: Array<{ path: string; digest: string }>;
  /** It runs in CI: the caller carries a CI identity with at least one field. */
  ci: boolean;
  /** 0 = Sunday, as `Date.getUTCDay`. */
  weekdayUtc: number;
  hourUtc: number;
  /** Milliseconds since the environment's previous deployment started (previous by start time); null for its first. */
  sincePreviousMs: number | null;
  /** Failed or rolled-back deployments of the environment that started in the 7 days before it started. */
  failuresLast7Days: number;
}

/** The hours since the previous deployment, as the risk model reads them; null for a first deployment. */
export const hoursSincePrevious = (features: DeploymentFeatures): number | null =>
  features.sincePreviousMs === null ? null : features.sincePreviousMs / 3_600_000;
