import { jsonResponse } from '../../../service.js';
import type { Route } from '../context.js';
import type { HttpApiContext } from './context.js';
import { optionalBoolean, optionalString, refuseUnsupported, stringMap } from './fields.js';
import { integrationFrom } from './integration-fields.js';
import { apiJson } from './json.js';
import type { HttpApiRecord } from './model.js';
import { parseRouteKey } from './route-key.js';
import { badRequest, isoNow, newHttpId } from './state.js';

type Body = Record<string, unknown>;

const UNSUPPORTED = [
  'corsConfiguration',
  'credentialsArn',
  'routeSelectionExpression',
  'apiKeySelectionExpression',
];

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.length < 1 || name.length > 128)
    throw badRequest('Invalid name: an API name is 1 to 128 characters');
  return name;
}

/**
 * Quick create: a `target` makes AWS add an AWS_PROXY integration (payload 2.0), a route for
 * `routeKey` (default `$default`) and a `$default` stage that deploys automatically.
 */
function quickCreate(ctx: HttpApiContext, api: HttpApiRecord, body: Body): void {
  if (body.target === undefined) {
    if (body.routeKey !== undefined)
      throw badRequest('routeKey is only valid together with target (quick create)');
    return;
  }
  const integration = {
    integrationId: newHttpId(7),
    ...integrationFrom(
      { integrationType: 'AWS_PROXY', integrationUri: body.target, payloadFormatVersion: '2.0' },
      {},
    ),
  };
  const routeKey = typeof body.routeKey === 'string' ? body.routeKey : '$default';
  parseRouteKey(routeKey);
  api.integrations.push(integration);
  api.routes.push({ routeId: newHttpId(7), routeKey, target: `integrations/${integration.integrationId}` });
  const now = isoNow();
  api.stages.$default = {
    stageName: '$default',
    autoDeploy: true,
    stageVariables: {},
    tags: {},
    createdDate: now,
    lastUpdatedDate: now,
  };
  ctx.autoDeploy(api);
}

/** CreateApi, GetApis, GetApi, UpdateApi, DeleteApi. */
export function apiOperations(ctx: HttpApiContext): Route[] {
  return [
    [
      'POST',
      /^\/v2\/apis$/,
      'CreateApi',
      (request) => {
        const body = ctx.readJson(request);
        if (body.protocolType === 'WEBSOCKET')
          throw badRequest('The sandbox implements HTTP APIs only; WEBSOCKET APIs are not supported.');
        if (body.protocolType !== 'HTTP')
          throw badRequest('Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]');
        refuseUnsupported(body, UNSUPPORTED);
        if (body.disableSchemaValidation !== undefined)
          throw badRequest('disableSchemaValidation is only for WEBSOCKET APIs');
        const description = optionalString(body, 'description', 1024);
        const version = optionalString(body, 'version', 64);
        const api: HttpApiRecord = {
          apiId: ctx.state.newApiId(),
          name: checkName(body.name),
          ...(description !== undefined ? { description } : {}),
          ...(version !== undefined ? { version } : {}),
          protocolType: 'HTTP',
          disableExecuteApiEndpoint: optionalBoolean(body, 'disableExecuteApiEndpoint') ?? false,
          createdDate: isoNow(),
          region: ctx.region(request),
          tags: stringMap(body, 'tags'),
          routes: [],
          integrations: [],
          deployments: [],
          stages: {},
        };
        quickCreate(ctx, api, body);
        ctx.state.save(api);
        return jsonResponse(apiJson(api, ctx.apiEndpoint(request, api)), 201);
      },
    ],
    [
      'GET',
      /^\/v2\/apis$/,
      'GetApis',
      (request) => {
        const all = [...ctx.state.apis.values()].sort(
          (a, b) => a.createdDate.localeCompare(b.createdDate) || a.apiId.localeCompare(b.apiId),
        );
        const { items, nextToken } = ctx.page(all, request);
        return jsonResponse({
          items: items.map((api) => apiJson(api, ctx.apiEndpoint(request, api))),
          ...(nextToken ? { nextToken } : {}),
        });
      },
    ],
    [
      'GET',
      /^\/v2\/apis\/([^/]+)$/,
      'GetApi',
      (request, [id]) => {
        const api = ctx.state.api(id!);
        return jsonResponse(apiJson(api, ctx.apiEndpoint(request, api)));
      },
    ],
    [
      'PATCH',
      /^\/v2\/apis\/([^/]+)$/,
      'UpdateApi',
      (request, [id]) => {
        const api = ctx.state.api(id!);
        const body = ctx.readJson(request);
        refuseUnsupported(body, [...UNSUPPORTED, 'routeKey', 'target']);
        const updated: HttpApiRecord = { ...api };
        if (body.name !== undefined) updated.name = checkName(body.name);
        const description = optionalString(body, 'description', 1024);
        if (description !== undefined) updated.description = description;
        const version = optionalString(body, 'version', 64);
        if (version !== undefined) updated.version = version;
        const disable = optionalBoolean(body, 'disableExecuteApiEndpoint');
        if (disable !== undefined) updated.disableExecuteApiEndpoint = disable;
        ctx.state.save(updated);
        return jsonResponse(apiJson(updated, ctx.apiEndpoint(request, updated)));
      },
    ],
    [
      'DELETE',
      /^\/v2\/apis\/([^/]+)$/,
      'DeleteApi',
      (_request, [id]) => {
        ctx.state.delete(ctx.state.api(id!));
        return { status: 204, headers: {} };
      },
    ],
  ];
}
