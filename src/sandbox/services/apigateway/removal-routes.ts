import { jsonResponse } from '../../service.js';
import type { ApiGatewayContext, Route } from './context.js';
import { checkAwsProxy } from './integration-check.js';
import { integrationJson, methodJson } from './json.js';
import { badRequest, notFound } from './state.js';

type PatchOperation = { op: string; path: string; value?: string };

const patchOperations = (body: Record<string, unknown>): PatchOperation[] => {
  const operations = body.patchOperations ?? [];
  if (!Array.isArray(operations)) throw badRequest('patchOperations must be a list');
  return operations as PatchOperation[];
};

const invalidPatch = (operation: PatchOperation, allowed: string) =>
  badRequest(
    `Invalid patch path '${String(operation.path).slice(0, 200)}' specified for op '${String(operation.op).slice(0, 20)}'. Must be one of: [${allowed}]`,
  );

/**
 * What a REST API needs to drop or change one route of several: DeleteResource (with its children),
 * DeleteMethod, DeleteIntegration, UpdateMethod, UpdateIntegration, and DeleteStage.
 */
export function restRemovalRoutes(ctx: ApiGatewayContext): Route[] {
  return [
    [
      'DELETE',
      /^\/restapis\/([^/]+)\/resources\/([^/]+)$/,
      'DeleteResource',
      (_request, [id, resourceId]) => {
        const api = ctx.state.api(id!);
        const resource = ctx.resourceOf(api, resourceId!);
        if (resource.id === api.rootResourceId) throw badRequest('Cannot delete root resource');
        const prefix = `${resource.path}/`;
        api.resources = api.resources.filter((r) => r.id !== resource.id && !r.path.startsWith(prefix));
        ctx.state.save(api);
        return { status: 202, headers: {} };
      },
    ],
    [
      'DELETE',
      /^\/restapis\/([^/]+)\/resources\/([^/]+)\/methods\/([^/]+)$/,
      'DeleteMethod',
      (_request, [id, resourceId, httpMethod]) => {
        const api = ctx.state.api(id!);
        const resource = ctx.resourceOf(api, resourceId!);
        ctx.methodOf(resource, httpMethod!);
        delete resource.methods[httpMethod!];
        ctx.state.save(api);
        return { status: 204, headers: {} };
      },
    ],
    [
      'DELETE',
      /^\/restapis\/([^/]+)\/resources\/([^/]+)\/methods\/([^/]+)\/integration$/,
      'DeleteIntegration',
      (_request, [id, resourceId, httpMethod]) => {
        const api = ctx.state.api(id!);
        const method = ctx.methodOf(ctx.resourceOf(api, resourceId!), httpMethod!);
        if (!method.integration) throw notFound('No integration defined for method');
        delete method.integration;
        ctx.state.save(api);
        return { status: 204, headers: {} };
      },
    ],
    [
      'PATCH',
      /^\/restapis\/([^/]+)\/resources\/([^/]+)\/methods\/([^/]+)$/,
      'UpdateMethod',
      (request, [id, resourceId, httpMethod]) => {
        const api = ctx.state.api(id!);
        const method = ctx.methodOf(ctx.resourceOf(api, resourceId!), httpMethod!);
        const updated = { ...method };
        for (const operation of patchOperations(ctx.readJson(request))) {
          if (operation.op !== 'replace')
            throw invalidPatch(operation, '/authorizationType, /apiKeyRequired');
          if (operation.path === '/authorizationType')
            updated.authorizationType = String(operation.value ?? 'NONE');
          else if (operation.path === '/apiKeyRequired') {
            if (operation.value !== 'true' && operation.value !== 'false')
              throw badRequest(
                `Invalid boolean value for apiKeyRequired: ${String(operation.value).slice(0, 20)}`,
              );
            updated.apiKeyRequired = operation.value === 'true';
          } else throw invalidPatch(operation, '/authorizationType, /apiKeyRequired');
        }
        Object.assign(method, updated);
        ctx.state.save(api);
        return jsonResponse(methodJson(method));
      },
    ],
    [
      'PATCH',
      /^\/restapis\/([^/]+)\/resources\/([^/]+)\/methods\/([^/]+)\/integration$/,
      'UpdateIntegration',
      (request, [id, resourceId, httpMethod]) => {
        const api = ctx.state.api(id!);
        const method = ctx.methodOf(ctx.resourceOf(api, resourceId!), httpMethod!);
        if (!method.integration) throw notFound('No integration defined for method');
        const integration = { ...method.integration };
        const allowed = '/uri, /httpMethod, /timeoutInMillis, /passthroughBehavior';
        for (const operation of patchOperations(ctx.readJson(request))) {
          if (operation.op !== 'replace') throw invalidPatch(operation, allowed);
          const value = String(operation.value ?? '');
          if (operation.path === '/uri') integration.uri = value;
          else if (operation.path === '/httpMethod') integration.httpMethod = value;
          else if (operation.path === '/passthroughBehavior') integration.passthroughBehavior = value;
          else if (operation.path === '/timeoutInMillis') {
            const timeout = Number(value);
            if (!Number.isInteger(timeout) || timeout < 50 || timeout > 29_000)
              throw badRequest('Timeout should be between 50 ms and 29000 ms');
            integration.timeoutInMillis = timeout;
          } else throw invalidPatch(operation, allowed);
        }
        checkAwsProxy(integration.type, integration.uri, integration.httpMethod);
        method.integration = integration;
        ctx.state.save(api);
        return jsonResponse(integrationJson(method));
      },
    ],
    [
      'DELETE',
      /^\/restapis\/([^/]+)\/stages\/([^/]+)$/,
      'DeleteStage',
      (_request, [id, name]) => {
        const api = ctx.state.api(id!);
        const stage = ctx.stageOf(api, name!);
        delete api.stages[stage.stageName];
        ctx.state.save(api);
        return { status: 202, headers: {} };
      },
    ],
  ];
}
