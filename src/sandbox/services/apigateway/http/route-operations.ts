import { jsonResponse } from '../../../service.js';
import type { Route } from '../context.js';
import type { HttpApiContext } from './context.js';
import { optionalString } from './fields.js';
import { routeJson } from './json.js';
import type { HttpApiRecord, HttpRouteRecord } from './model.js';
import { parseRouteKey } from './route-key.js';
import { badRequest, conflict, newHttpId } from './state.js';

type Body = Record<string, unknown>;

/** Members HTTP APIs refuse (WebSocket only) or the sandbox does not implement (authorizers). */
function refuseRouteMembers(body: Body): void {
  for (const member of [
    'requestModels',
    'requestParameters',
    'modelSelectionExpression',
    'routeResponseSelectionExpression',
  ])
    if (body[member] !== undefined && body[member] !== null)
      throw badRequest(`${member} is only supported for WEBSOCKET APIs`);
  if (body.apiKeyRequired === true) throw badRequest('API keys are only supported for WEBSOCKET APIs');
  if (body.authorizationType !== undefined && body.authorizationType !== 'NONE')
    throw badRequest('The sandbox does not implement authorizers: authorizationType must be NONE.');
  for (const member of ['authorizerId', 'authorizationScopes'])
    if (body[member] !== undefined && body[member] !== null)
      throw badRequest(`The sandbox does not implement '${member}' (authorizers); leave it out.`);
}

function checkRouteKey(api: HttpApiRecord, routeKey: unknown, except?: string): string {
  if (typeof routeKey !== 'string') throw badRequest('RouteKey is required');
  parseRouteKey(routeKey);
  if (api.routes.some((r) => r.routeKey === routeKey && r.routeId !== except))
    throw conflict(`Route with key ${routeKey} already exists for this API`);
  return routeKey;
}

/** `integrations/<id>` naming one of the API's integrations. */
function checkTarget(ctx: HttpApiContext, api: HttpApiRecord, target: unknown): string {
  const id = typeof target === 'string' ? /^integrations\/([a-z0-9]+)$/.exec(target)?.[1] : undefined;
  if (!id) throw badRequest(`Invalid target: expected integrations/<integration id>`);
  ctx.integrationOf(api, id);
  return target as string;
}

/** CreateRoute, GetRoutes, GetRoute, UpdateRoute, DeleteRoute; each change redeploys autoDeploy stages. */
export function routeOperations(ctx: HttpApiContext): Route[] {
  return [
    [
      'POST',
      /^\/v2\/apis\/([^/]+)\/routes$/,
      'CreateRoute',
      (request, [id]) => {
        const api = ctx.state.api(id!);
        const body = ctx.readJson(request);
        refuseRouteMembers(body);
        const operationName = optionalString(body, 'operationName', 64);
        const route: HttpRouteRecord = {
          routeId: newHttpId(7),
          routeKey: checkRouteKey(api, body.routeKey),
          ...(body.target !== undefined ? { target: checkTarget(ctx, api, body.target) } : {}),
          ...(operationName !== undefined ? { operationName } : {}),
        };
        api.routes.push(route);
        ctx.autoDeploy(api);
        ctx.state.save(api);
        return jsonResponse(routeJson(route), 201);
      },
    ],
    [
      'GET',
      /^\/v2\/apis\/([^/]+)\/routes$/,
      'GetRoutes',
      (request, [id]) => {
        const { items, nextToken } = ctx.page(ctx.state.api(id!).routes, request);
        return jsonResponse({ items: items.map(routeJson), ...(nextToken ? { nextToken } : {}) });
      },
    ],
    [
      'GET',
      /^\/v2\/apis\/([^/]+)\/routes\/([^/]+)$/,
      'GetRoute',
      (_request, [id, routeId]) => jsonResponse(routeJson(ctx.routeOf(ctx.state.api(id!), routeId!))),
    ],
    [
      'PATCH',
      /^\/v2\/apis\/([^/]+)\/routes\/([^/]+)$/,
      'UpdateRoute',
      (request, [id, routeId]) => {
        const api = ctx.state.api(id!);
        const route = ctx.routeOf(api, routeId!);
        const body = ctx.readJson(request);
        refuseRouteMembers(body);
        const updated: HttpRouteRecord = { ...route };
        if (body.routeKey !== undefined) updated.routeKey = checkRouteKey(api, body.routeKey, route.routeId);
        if (body.target === '') delete updated.target;
        else if (body.target !== undefined) updated.target = checkTarget(ctx, api, body.target);
        const operationName = optionalString(body, 'operationName', 64);
        if (operationName !== undefined) updated.operationName = operationName;
        api.routes = api.routes.map((r) => (r.routeId === route.routeId ? updated : r));
        ctx.autoDeploy(api);
        ctx.state.save(api);
        return jsonResponse(routeJson(updated));
      },
    ],
    [
      'DELETE',
      /^\/v2\/apis\/([^/]+)\/routes\/([^/]+)$/,
      'DeleteRoute',
      (_request, [id, routeId]) => {
        const api = ctx.state.api(id!);
        const route = ctx.routeOf(api, routeId!);
        api.routes = api.routes.filter((r) => r.routeId !== route.routeId);
        ctx.autoDeploy(api);
        ctx.state.save(api);
        return { status: 204, headers: {} };
      },
    ],
  ];
}
