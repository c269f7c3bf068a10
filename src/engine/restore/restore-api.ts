import { isDeepStrictEqual } from 'node:util';
import { OmnixError } from '../../core/errors.js';
import {
  type ApiGatewayKind,
  releasedApi,
  releasedApiId,
  releasedApiType,
} from '../../providers/aws/api-kind.js';
import { apiKind } from '../../providers/aws/api-kinds.js';
import type { AwsClients } from '../../providers/aws/clients.js';
import { aliasArnOf } from '../../providers/aws/lambda-permission.js';
import type { ReleasedApi, ReleasedRoute } from '../../records/index.js';
import { routesInvokingFunctions } from '../components/backend/plan-api.js';
import {
  changesNothing,
  describeRoutesDiff,
  planRoutes,
  routeChanges,
} from '../components/backend/routes.js';

const routeLine = (route: ReleasedRoute) =>
  `${route.key} → ${route.function}${route.alias ? `:${route.alias}` : ''}`;

/** What restoring the API needs of the restore. */
export interface ApiRestoreContext {
  clients: AwsClients;
  /** Told every change as it is made. */
  changed(change: string): Promise<void>;
  /** `backend.api.turnOffAutoDeploy`: a stage that deploys by itself may be turned off to move it. */
  turnOffAutoDeploy: boolean;
}

/** The recorded routes on the API again: each with an integration invoking its alias, nothing else. */
async function restoreRoutes(
  kind: ApiGatewayKind,
  apiId: string,
  routes: readonly ReleasedRoute[],
  context: ApiRestoreContext,
): Promise<boolean> {
  const { clients } = context;
  const lambda = await clients.lambda();
  const arns = new Map<string, string>();
  const wanted = [];
  for (const route of routes) {
    const qualified = `${route.function}:${route.alias}`;
    if (!arns.has(qualified)) {
      const arn = await aliasArnOf(lambda, route.function, route.alias);
      arns.set(qualified, route.alias ? arn : arn.slice(0, arn.lastIndexOf(':')));
    }
    wanted.push({ ...route, aliasArn: arns.get(qualified)! });
  }
  const live = await kind.readDefinition(clients, apiId);
  const diff = planRoutes(
    wanted.map((route) => ({ key: route.key, integration: kind.integrationOf(route.aliasArn) })),
    live.routes,
  );
  if (changesNothing(diff)) return false;
  await kind.changeRoutes(clients, apiId, routeChanges(wanted, diff));
  await context.changed(`${kind.label} ${apiId}: routes ${describeRoutesDiff(diff)}`);
  return true;
}

/**
 * The API as `target` recorded it: its routes when omnix owns them, then the stage on the recorded
 * deployment and variables. Returns how many things changed.
 */
export async function restoreApi(target: ReleasedApi, context: ApiRestoreContext): Promise<number> {
  const { clients, changed } = context;
  const kind = await apiKind(releasedApiType(target));
  const apiId = releasedApiId(target);
  let count = 0;
  if (target.routes && (await restoreRoutes(kind, apiId, target.routes, context))) count++;
  const live = await kind.readStage(clients, apiId, target.stage);
  if (!live)
    throw new OmnixError(
      'StageNotFound',
      `stage ${target.stage} of the ${kind.label} ${apiId} no longer exists`,
    );
  const variablesDiffer =
    target.variables !== undefined && !isDeepStrictEqual(live.variables, target.variables);
  if (live.deploymentId !== target.deploymentId || variablesDiffer) {
    await kind.pointStage(clients, live, target.deploymentId, {
      variables: target.variables,
      turnOffAutoDeploy: context.turnOffAutoDeploy,
    });
    await changed(
      `stage ${target.stage}: deployment ${target.deploymentId}${variablesDiffer ? ', variables restored' : ''}`,
    );
    count++;
  }
  return count;
}

/** The API as it is live now, in the shape of `target` (its stage, and its routes when `target` has them). */
export async function liveApiLike(
  target: ReleasedApi,
  clients: AwsClients,
): Promise<ReleasedApi | undefined> {
  const kind = await apiKind(releasedApiType(target));
  const apiId = releasedApiId(target);
  const stage = await kind.readStage(clients, apiId, target.stage);
  if (!stage) return undefined;
  const routes = target.routes
    ? routesInvokingFunctions((await kind.readDefinition(clients, apiId)).routes)
    : undefined;
  return releasedApi(kind.type, apiId, {
    stage: target.stage,
    deploymentId: stage.deploymentId,
    variables: stage.variables,
    ...(routes ? { routes } : {}),
  });
}

/** Every way the live API differs from `target`, one line each. */
export function apiDifferences(target: ReleasedApi, live: ReleasedApi | undefined): string[] {
  const differences: string[] = [];
  if (live?.deploymentId !== target.deploymentId)
    differences.push(
      `stage ${target.stage}: deployment ${live?.deploymentId ?? '(none)'}, not ${target.deploymentId}`,
    );
  if (target.routes && live) {
    const found = new Set((live.routes ?? []).map(routeLine));
    const wanted = new Set(target.routes.map(routeLine));
    for (const line of wanted) if (!found.has(line)) differences.push(`route ${line}: missing`);
    for (const line of found)
      if (!wanted.has(line)) differences.push(`route ${line}: live, but not in the release`);
  }
  return differences;
}
