import { createHash } from 'node:crypto';
import { configuredRoutes } from '../../../config/api-routes.js';
import type { OmnixConfig } from '../../../config/schema.js';
import {
  type ApiGatewayKind,
  autoDeployRefusal,
  type LiveRoute,
  releasedApiId,
} from '../../../providers/aws/api-kind.js';
import { apiKind } from '../../../providers/aws/api-kinds.js';
import type { AwsClients } from '../../../providers/aws/clients.js';
import { policyAllowsApiGateway } from '../../../providers/aws/invoke-policy.js';
import { functionArnOfUri, parseFunctionArn, routeSourceArn } from '../../../providers/aws/lambda-arn.js';
import { aliasArnOf, readResourcePolicy } from '../../../providers/aws/lambda-permission.js';
import type { ReleasedRoute, ReleaseRecord } from '../../../records/index.js';
import type { PlannedApi } from './planned.js';
import { changesNothing, type PlannedRoute, planRoutes, routeKeysOn } from './routes.js';

type Backend = NonNullable<OmnixConfig['backend']>;

/** Every configured route with the alias it invokes (REST's `$default` as its two routes). */
async function wantedRoutes(
  backend: Backend,
  kind: ApiGatewayKind,
  clients: AwsClients,
): Promise<PlannedRoute[]> {
  const routes = configuredRoutes(backend) ?? [];
  const lambda = await clients.lambda();
  const arns = new Map<string, string>();
  for (const key of new Set(routes.map((route) => route.function))) {
    const fn = backend.functions[key]!;
    arns.set(key, await aliasArnOf(lambda, fn.name, fn.alias));
  }
  return routes.flatMap((route) => {
    const fn = backend.functions[route.function]!;
    return routeKeysOn(kind.type, route.key).map((key) => ({
      key,
      function: fn.name,
      alias: fn.alias,
      aliasArn: arns.get(route.function)!,
    }));
  });
}

/**
 * The live routes whose integration invokes a Lambda function, as a release records routes: what a
 * rollback can put back. A route to anything else cannot be recorded, and a restore does not return it.
 */
export function routesInvokingFunctions(live: readonly LiveRoute[]): ReleasedRoute[] {
  return live.flatMap((route) => {
    const arn = parseFunctionArn(functionArnOfUri(route.uri) ?? '');
    return arn ? [{ key: route.key, function: arn.name, alias: arn.qualifier ?? '' }] : [];
  });
}

/** Aliases whose resource policy does not let API Gateway invoke them from every wanted route. */
async function aliasesToGrant(
  wanted: readonly PlannedRoute[],
  apiId: string,
  stage: string,
  clients: AwsClients,
): Promise<string[]> {
  const lambda = await clients.lambda();
  const missing: string[] = [];
  for (const aliasArn of new Set(wanted.map((route) => route.aliasArn))) {
    const route = wanted.find((candidate) => candidate.aliasArn === aliasArn)!;
    const statements = await readResourcePolicy(lambda, route.function, route.alias);
    const arn = parseFunctionArn(aliasArn)!;
    const allowed = wanted
      .filter((candidate) => candidate.aliasArn === aliasArn)
      .every((candidate) =>
        policyAllowsApiGateway(statements, routeSourceArn(arn, apiId, stage, candidate.key)),
      );
    if (!allowed) missing.push(aliasArn);
  }
  return missing;
}

/**
 * The API's part of the plan: finds the API and reads its stage and routes; with `routes`, compares them
 * with the configuration and the aliases' resource policies. The stage gets a new deployment when it is
 * new, when asked, when routes change, or when the API's definition differs from the one the latest
 * release deployed. Refuses a stage that deploys by itself unless told to turn that off.
 */
export async function planApi(
  backend: Backend,
  clients: AwsClients,
  releases: readonly ReleaseRecord[],
  redeployApi: boolean,
): Promise<PlannedApi> {
  const api = backend.api!;
  const kind = await apiKind(api.type);
  const apiId = await kind.find(clients, api.id, api.name);
  const live = await kind.readStage(clients, apiId, api.stage);
  if (live?.autoDeploy && !api.turnOffAutoDeploy) throw autoDeployRefusal(live);
  const definition = await kind.readDefinition(clients, apiId);
  let routes: PlannedApi['routes'];
  let grant: string[] = [];
  if (api.routes) {
    const wanted = await wantedRoutes(backend, kind, clients);
    const lines = wanted.map((route) => ({
      key: route.key,
      integration: kind.integrationOf(route.aliasArn),
    }));
    const diff = planRoutes(lines, definition.routes);
    const digest = createHash('sha256')
      .update(
        lines
          .map((line) => `${line.key} ${line.integration}`)
          .sort()
          .join('\n'),
      )
      .digest('hex');
    routes = { wanted, diff, live: routesInvokingFunctions(definition.routes), digest };
    grant = await aliasesToGrant(wanted, apiId, api.stage, clients);
  }
  const released = releases[0]?.manifest.backend?.api;
  const deployedHash = released && releasedApiId(released) === apiId ? released.definitionHash : undefined;
  const redeploy = !live
    ? 'new stage'
    : redeployApi
      ? 'asked'
      : routes && !changesNothing(routes.diff)
        ? 'routes changed'
        : deployedHash === undefined
          ? 'first deployment'
          : deployedHash !== definition.hash
            ? 'definition changed'
            : undefined;
  return {
    type: kind.type,
    apiId,
    stage: api.stage,
    ...(live ? { live } : {}),
    definitionHash: definition.hash,
    ...(redeploy ? { redeploy } : {}),
    ...(routes ? { routes } : {}),
    ...(grant.length > 0 ? { grant } : {}),
    ...(live?.autoDeploy ? { turnOffAutoDeploy: true as const } : {}),
  };
}
