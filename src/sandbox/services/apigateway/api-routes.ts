import { AwsError } from '../../protocol/aws-error.js';
import { jsonResponse } from '../../service.js';
import type { ApiGatewayContext, Route } from './context.js';
import { checkAwsProxy } from './integration-check.js';
import { integrationJson, methodJson, resourceJson, restApiJson } from './json.js';
import type { MethodRecord, ResourceRecord, RestApiRecord } from './model.js';
import { badRequest, epoch, HTTP_METHODS, newId, notFound, PATH_PART } from './state.js';

/** CreateRestApi, GetRestApi(s), GetResources, CreateResource, Put/GetMethod, Put/GetIntegration. */
export function apiRoutes(ctx: ApiGatewayContext): Route[] {
  return [
    [
      'POST',
      /^\/restapis$/,
      'CreateRestApi',
      (request) => {
        const body = ctx.readJson(request);
        if (typeof body.name !== 'string' || body.name === '')
          throw badRequest('A name is required for the REST API');
        const rootResourceId = newId();
        const api: RestApiRecord = {
          id: newId(),
          name: body.name,
          description: String(body.description ?? ''),
          createdDate: epoch(),
          rootResourceId,
          resources: [{ id: rootResourceId, path: '/', methods: {} }],
          deployments: [],
          stages: {},
        };
        ctx.state.save(api);
        return jsonResponse(restApiJson(api), 201);
      },
    ],
    [
      'GET',
      /^\/restapis$/,
      'GetRestApis',
      (request) => {
        const { items, position } = ctx.page(
          [...ctx.state.apis.values()].sort(
            (a, b) => a.createdDate - b.createdDate || a.id.localeCompare(b.id),
          ),
          request,
        );
        return jsonResponse({ item: items.map(restApiJson), ...(position ? { position } : {}) });
      },
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)$/,
      'GetRestApi',
      (_request, [id]) => jsonResponse(restApiJson(ctx.state.api(id!))),
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)\/resources$/,
      'GetResources',
      (request, [id]) => {
        const api = ctx.state.api(id!);
        const embed = request.query.getAll('embed').includes('methods');
        const { items, position } = ctx.page(api.resources, request);
        return jsonResponse({
          item: items.map((r) => resourceJson(r, embed)),
          ...(position ? { position } : {}),
        });
      },
    ],
    [
      'POST',
      /^\/restapis\/([^/]+)\/resources\/([^/]+)$/,
      'CreateResource',
      (request, [id, parentId]) => {
        const api = ctx.state.api(id!);
        const parent = ctx.resourceOf(api, parentId!);
        const pathPart = String(ctx.readJson(request).pathPart ?? '');
        if (!PATH_PART.test(pathPart))
          throw badRequest(
            `Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end: ${pathPart}`,
          );
        const path = `${parent.path === '/' ? '' : parent.path}/${pathPart}`;
        if (api.resources.some((r) => r.path === path))
          throw new AwsError(
            'ConflictException',
            `Another resource with the same parent already has this name: ${pathPart}`,
            409,
          );
        const resource: ResourceRecord = { id: newId(), parentId: parent.id, pathPart, path, methods: {} };
        api.resources.push(resource);
        ctx.state.save(api);
        return jsonResponse(resourceJson(resource, false), 201);
      },
    ],
    [
      'PUT',
      /^\/restapis\/([^/]+)\/resources\/([^/]+)\/methods\/([^/]+)$/,
      'PutMethod',
      (request, [id, resourceId, httpMethod]) => {
        const api = ctx.state.api(id!);
        const resource = ctx.resourceOf(api, resourceId!);
        if (!HTTP_METHODS.test(httpMethod!)) throw badRequest(`Invalid HTTP method: ${httpMethod}`);
        const body = ctx.readJson(request);
        if (resource.methods[httpMethod!])
          throw new AwsError('ConflictException', 'Method already exists for this resource', 409);
        const method: MethodRecord = {
          httpMethod: httpMethod!,
          authorizationType: String(body.authorizationType ?? 'NONE'),
          apiKeyRequired: body.apiKeyRequired === true,
        };
        resource.methods[httpMethod!] = method;
        ctx.state.save(api);
        return jsonResponse(methodJson(method), 201);
      },
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)\/resources\/([^/]+)\/methods\/([^/]+)$/,
      'GetMethod',
      (_request, [id, resourceId, httpMethod]) =>
        jsonResponse(methodJson(ctx.methodOf(ctx.resourceOf(ctx.state.api(id!), resourceId!), httpMethod!))),
    ],
    [
      'PUT',
      /^\/restapis\/([^/]+)\/resources\/([^/]+)\/methods\/([^/]+)\/integration$/,
      'PutIntegration',
      (request, [id, resourceId, httpMethod]) => {
        const api = ctx.state.api(id!);
        const method = ctx.methodOf(ctx.resourceOf(api, resourceId!), httpMethod!);
        const body = ctx.readJson(request);
        const type = String(body.type ?? '');
        if (!['AWS_PROXY', 'AWS', 'HTTP', 'HTTP_PROXY', 'MOCK'].includes(type))
          throw badRequest(`Invalid integration type: ${type}`);
        // The integration's own method travels as `httpMethod` in the body (the path's is the method's).
        checkAwsProxy(type, body.uri, body.httpMethod);
        method.integration = {
          type,
          httpMethod: String(body.httpMethod ?? 'POST'),
          uri: String(body.uri ?? ''),
          passthroughBehavior: String(body.passthroughBehavior ?? 'WHEN_NO_MATCH'),
          timeoutInMillis: Number(body.timeoutInMillis ?? 29_000),
        };
        ctx.state.save(api);
        return jsonResponse(integrationJson(method), 201);
      },
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)\/resources\/([^/]+)\/methods\/([^/]+)\/integration$/,
      'GetIntegration',
      (_request, [id, resourceId, httpMethod]) => {
        const method = ctx.methodOf(ctx.resourceOf(ctx.state.api(id!), resourceId!), httpMethod!);
        if (!method.integration) throw notFound('No integration defined for method');
        return jsonResponse(integrationJson(method));
      },
    ],
  ];
}
