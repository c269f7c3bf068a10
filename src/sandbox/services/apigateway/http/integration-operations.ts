import { jsonResponse } from '../../../service.js';
import type { Route } from '../context.js';
import type { HttpApiContext } from './context.js';
import { integrationFrom } from './integration-fields.js';
import { integrationJson } from './json.js';
import type { HttpIntegrationRecord } from './model.js';
import { conflict, newHttpId } from './state.js';

/** CreateIntegration, GetIntegrations, GetIntegration, UpdateIntegration, DeleteIntegration. */
export function integrationOperations(ctx: HttpApiContext): Route[] {
  return [
    [
      'POST',
      /^\/v2\/apis\/([^/]+)\/integrations$/,
      'CreateIntegration',
      (request, [id]) => {
        const api = ctx.state.api(id!);
        const integration: HttpIntegrationRecord = {
          integrationId: newHttpId(7),
          ...integrationFrom(ctx.readJson(request), {}),
        };
        api.integrations.push(integration);
        ctx.autoDeploy(api);
        ctx.state.save(api);
        return jsonResponse(integrationJson(integration), 201);
      },
    ],
    [
      'GET',
      /^\/v2\/apis\/([^/]+)\/integrations$/,
      'GetIntegrations',
      (request, [id]) => {
        const { items, nextToken } = ctx.page(ctx.state.api(id!).integrations, request);
        return jsonResponse({ items: items.map(integrationJson), ...(nextToken ? { nextToken } : {}) });
      },
    ],
    [
      'GET',
      /^\/v2\/apis\/([^/]+)\/integrations\/([^/]+)$/,
      'GetIntegration',
      (_request, [id, integrationId]) =>
        jsonResponse(integrationJson(ctx.integrationOf(ctx.state.api(id!), integrationId!))),
    ],
    [
      'PATCH',
      /^\/v2\/apis\/([^/]+)\/integrations\/([^/]+)$/,
      'UpdateIntegration',
      (request, [id, integrationId]) => {
        const api = ctx.state.api(id!);
        const integration = ctx.integrationOf(api, integrationId!);
        const updated: HttpIntegrationRecord = {
          integrationId: integration.integrationId,
          ...integrationFrom(ctx.readJson(request), integration),
        };
        api.integrations = api.integrations.map((i) =>
          i.integrationId === updated.integrationId ? updated : i,
        );
        ctx.autoDeploy(api);
        ctx.state.save(api);
        return jsonResponse(integrationJson(updated));
      },
    ],
    [
      'DELETE',
      /^\/v2\/apis\/([^/]+)\/integrations\/([^/]+)$/,
      'DeleteIntegration',
      (_request, [id, integrationId]) => {
        const api = ctx.state.api(id!);
        const integration = ctx.integrationOf(api, integrationId!);
        const users = api.routes.filter((r) => r.target === `integrations/${integration.integrationId}`);
        if (users.length > 0)
          throw conflict(
            `Cannot delete Integration because it is referenced by the following Routes with Ids: [${users.map((r) => r.routeId).join(', ')}]`,
          );
        api.integrations = api.integrations.filter((i) => i.integrationId !== integration.integrationId);
        ctx.autoDeploy(api);
        ctx.state.save(api);
        return { status: 204, headers: {} };
      },
    ],
  ];
}
