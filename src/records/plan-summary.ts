/** One site file a plan uploads, and why. */
export interface PlannedUpload {
  key: string;
  reason: 'new' | 'changed' | 'drifted';
  size: number;
  cacheControl?: string;
  /** The Cache-Control came from the defaults, not from `frontend.cacheControl`. */
  cacheControlByDefault?: boolean;
}

/** What a plan does to the site. */
export interface FrontendPlanSummary {
  bucket: string;
  distributionId: string;
  /** Files to upload (entry points included). */
  upload: number;
  delete: number;
  unchanged: number;
  keptStale: number;
  uploadBytes: number;
  /** Live objects whose ETag differs from the latest release's (changed outside omnix). */
  drift: Array<{ key: string; expected: string; found: string | null }>;
  /** Each file to upload; absent from the copy a deployment record keeps (its changes name them). */
  files?: PlannedUpload[];
  deletes: string[];
  /** Keys whose bytes changed although their Cache-Control says immutable. */
  immutableChanged?: string[];
}

/** What a plan does to one function, and which of its configuration fields change. */
export interface FunctionPlanSummary {
  name: string;
  action:
    | 'missing'
    | 'unchanged'
    | 'update-code'
    | 'update-configuration'
    | 'update-code-and-configuration'
    | 'publish';
  changedFields: string[];
}

/** What a plan does to the functions and their API stage. */
export interface BackendPlanSummary {
  functions: FunctionPlanSummary[];
  /** The stage variables the plan sets and removes, when it changes them. */
  stageVariables?: { setVariables: Record<string, string>; removeVariables: string[] };
  api?: {
    /** Absent in records from before HTTP APIs: a REST API. */
    type?: 'rest' | 'http';
    /** The API's id (absent in older records, which have only `restApiId`). */
    apiId?: string;
    /** The REST API's id (REST APIs only). */
    restApiId?: string;
    stage: string;
    /** Why the stage gets a new deployment, if it does. */
    redeploy?: StageRedeployReason;
    /** Route keys the plan adds, points at another function, and removes (`backend.api.routes`). */
    routes?: { add: string[]; change: string[]; remove: string[] };
    /** Function aliases (ARNs) the plan lets API Gateway invoke. */
    allowInvoke?: string[];
    /** The HTTP API stage deploys automatically, and the plan turns that off (`turnOffAutoDeploy`). */
    turnOffAutoDeploy?: true;
  };
}

/** Why a plan gives the API stage a new deployment. */
export type StageRedeployReason =
  | 'new stage'
  | 'first deployment'
  | 'definition changed'
  | 'routes changed'
  | 'asked';

/** A part of the plan that failed before, in this environment or another (the agent's prevention). */
export interface KnownFailureFinding {
  deploymentId: string;
  environment: string;
  reason: string;
  remedy: string;
  matched: string[];
}

/** The agent's findings on a plan (`agent` in the summary). */
export interface AgentPlanFindings {
  /** The chance the deployment fails, from the history; `score` null when the model cannot say. */
  risk?: { score: number | null; level: string; [detail: string]: unknown };
  knownFailures?: KnownFailureFinding[];
  /** A deployment of this plan stops on the known failures (`agent.blockKnownFailures`). */
  blocking?: boolean;
}

/**
 * A plan as machines see it (`plan --json`), as the deploy's plan event carries it and as a deployment
 * record keeps it. The engine fills the first part; each extension that reviewed the plan adds its
 * findings under its own name (`agent`, `approvals`, `freeze`, ...).
 */
export interface PlanSummary {
  environment: string;
  nothingToDo: boolean;
  frontend?: FrontendPlanSummary;
  invalidationPaths?: string[];
  invalidationCostUsd?: number;
  backend?: BackendPlanSummary;
  agent?: AgentPlanFindings;
  /** An approval is required: the digest of this plan, which an approval must name. */
  approvals?: { required: true; planDigest: string };
  /** A freeze window is open now (shown by `plan`; a deployment is refused in it). */
  freeze?: { frozen: true; window: string; reason: string };
  /** Other extensions' findings, under their names. */
  [extension: string]: unknown;
}

/** A manual rollback's plan, as its record keeps it: the live release, the target, what differs. */
export interface RollbackPlanSummary {
  environment: string;
  from: number;
  to: number;
  changes: string[];
}
