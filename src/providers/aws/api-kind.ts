import { ValidationFailedError } from '../../core/errors.js';
import type { ReleasedApi } from '../../records/index.js';
import type { AwsClients } from './clients.js';
import type { Deletion } from './released-versions.js';

/** The kinds of API Gateway API omnix deploys: REST APIs (v1) and HTTP APIs (v2). */
export type ApiType = 'rest' | 'http';

/** The stage variables a deployment sets and removes. */
export interface StagePlan {
  setVariables: Record<string, string>;
  removeVariables: string[];
}

/** A stage as it is live. */
export interface LiveApiStage {
  apiId: string;
  stage: string;
  deploymentId: string;
  variables: Record<string, string>;
  /** HTTP APIs: the stage deploys every change by itself (never true for a REST API). */
  autoDeploy: boolean;
}

/** One route as it is live: its key and, as one comparable line, the integration behind it. */
export interface LiveRoute {
  /** `GET /products`, `ANY /{proxy+}`, `$default` (HTTP APIs). */
  key: string;
  /** Authorization, integration type, format or method, and URI; '' for a route without integration. */
  integration: string;
  /** The integration's URI (stage variables unresolved), to tell which function it invokes. */
  uri: string;
}

/** The API's routes, and a digest of them that changes whenever a deployment would serve something else. */
export interface ApiDefinition {
  routes: LiveRoute[];
  hash: string;
}

/** A route a deployment puts on the API: its key and the alias ARN of the function it invokes. */
export interface WantedRoute {
  key: string;
  aliasArn: string;
}

/** What a deployment (or a restore) changes in the API's routes. */
export interface RouteChanges {
  /** Routes to create, or to point at another integration. */
  put: WantedRoute[];
  /** Keys of routes to delete. */
  remove: string[];
}

/**
 * What omnix does with one kind of API. Each kind is one module (`rest-api.ts`, `http-api.ts`) and one
 * entry in API_KINDS: the engine, validation, rollback and pruning only go through this interface.
 */
export interface ApiGatewayKind {
  readonly type: ApiType;
  /** `REST API`, `HTTP API`: how messages name the kind. */
  readonly label: string;
  /** The API by id, or by name (which must be unique). */
  find(clients: AwsClients, id: string | undefined, name: string | undefined): Promise<string>;
  readStage(clients: AwsClients, apiId: string, stage: string): Promise<LiveApiStage | undefined>;
  readDefinition(clients: AwsClients, apiId: string): Promise<ApiDefinition>;
  /** The `integration` line of a route omnix made to invoke `aliasArn`. */
  integrationOf(aliasArn: string): string;
  changeRoutes(clients: AwsClients, apiId: string, changes: RouteChanges): Promise<void>;
  /** A new deployment of the API's routes, with the stage pointed at it (created when `exists` is false). */
  deploy(
    clients: AwsClients,
    apiId: string,
    stage: { name: string; exists: boolean },
    description: string,
  ): Promise<string>;
  setVariables(clients: AwsClients, apiId: string, stage: string, plan: StagePlan): Promise<void>;
  /**
   * Points the stage at a deployment and, when given, sets its variables to exactly `variables`. A stage
   * that deploys automatically is refused unless `turnOffAutoDeploy`, which turns that off first.
   */
  pointStage(
    clients: AwsClients,
    live: LiveApiStage,
    deploymentId: string,
    options: { variables?: Record<string, string> | undefined; turnOffAutoDeploy?: boolean },
  ): Promise<void>;
  deploymentExists(clients: AwsClients, apiId: string, deploymentId: string): Promise<boolean>;
  deleteDeployment(clients: AwsClients, apiId: string, deploymentId: string): Promise<Deletion>;
}

/** A recorded API's kind: records from before HTTP APIs are REST. */
export const releasedApiType = (api: ReleasedApi): ApiType => api.type ?? 'rest';

/** A recorded API's id, whatever its kind. */
export const releasedApiId = (api: ReleasedApi): string => (api.type === 'http' ? api.apiId : api.restApiId);

/** The record of an API stage of `type`, with the id under the name that kind's records use. */
export function releasedApi(
  type: ApiType,
  apiId: string,
  rest: Omit<ReleasedApi, 'type' | 'restApiId' | 'apiId'>,
): ReleasedApi {
  return type === 'http' ? { type, apiId, ...rest } : { restApiId: apiId, ...rest };
}

/** Why omnix will not deploy to, or roll back, a stage that deploys by itself. */
export function autoDeployRefusal(live: Pick<LiveApiStage, 'apiId' | 'stage'>): ValidationFailedError {
  return new ValidationFailedError(
    'StageAutoDeploys',
    `stage ${live.stage} of the HTTP API ${live.apiId} deploys automatically (autoDeploy): API Gateway will not point it at a recorded deployment, so omnix could neither gate a release on its health checks nor roll it back`,
    {
      hint: `Turn autoDeploy off (aws apigatewayv2 update-stage --api-id ${live.apiId} --stage-name '${live.stage}' --no-auto-deploy), or set backend.api.turnOffAutoDeploy: true to let omnix turn it off.`,
    },
  );
}
