import type { ApiType, LiveApiStage } from '../../../providers/aws/api-kind.js';
import type { DesiredFunction, LiveFunction } from '../../../providers/aws/functions.js';
import type { FunctionPackage } from '../../../providers/package/function-package.js';
import type { ReleasedRoute, StageRedeployReason } from '../../../records/index.js';
import type { BackendPlan } from './plan.js';
import type { PlannedRoute, RoutesDiff } from './routes.js';

/** The API's part of a deployment plan: its stage, its routes when omnix owns them, and what changes. */
export interface PlannedApi {
  type: ApiType;
  apiId: string;
  stage: string;
  live?: LiveApiStage;
  /** Digest of the API's routes and integrations as they are now (before the plan's route changes). */
  definitionHash: string;
  /** Why the stage gets a new deployment, if it does. */
  redeploy?: StageRedeployReason;
  /**
   * `backend.api.routes`: every route wanted, what changes, the live routes that invoke a function, and a
   * digest of the routes and integrations the deployment makes (the deployment's API artifact).
   */
  routes?: { wanted: PlannedRoute[]; diff: RoutesDiff; live: ReleasedRoute[]; digest: string };
  /** Aliases API Gateway may not invoke yet: the deployment lets it (managed routes only). */
  grant?: string[];
  /** The live stage deploys automatically, and `turnOffAutoDeploy` says to turn that off. */
  turnOffAutoDeploy?: true;
}

/** The functions' and API's part of a deployment plan: what is packaged, what is live, and what changes. */
export interface PlannedBackend {
  packages: Map<string, { desired: DesiredFunction; pkg: FunctionPackage }>;
  live: Map<string, LiveFunction>;
  plan: BackendPlan;
  api?: PlannedApi;
}
