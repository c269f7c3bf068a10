import { randomBytes } from 'node:crypto';
import type { ResolvedSandboxOptions } from '../../options.js';
import type { Persistence } from '../../persistence.js';
import { AwsError } from '../../protocol/aws-error.js';
import { readJsonBody } from '../../protocol/json-body.js';
import {
  jsonResponse,
  type SandboxRequest,
  type SandboxResponse,
  type SandboxService,
} from '../../service.js';
import type { DeploymentRecord, MethodRecord, ResourceRecord, RestApiRecord, StageRecord } from './model.js';

type Body = Record<string, unknown>;
const newId = () =>
  randomBytes(8)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .slice(0, 10);
const epoch = () => Math.floor(Date.now() / 1000);
const notFound = (message: string) => new AwsError('NotFoundException', message, 404);
const badRequest = (message: string) => new AwsError('BadRequestException', message, 400);
const HTTP_METHODS = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY)$/;
const PATH_PART = /^(\{[a-zA-Z0-9._-]+\+?\}|[a-zA-Z0-9._:@~-]+)$/;

/** REST APIs with their resources, deployments (frozen copies) and stages. */
export class ApiGatewayState {
  readonly apis = new Map<string, RestApiRecord>();

  constructor(
    private readonly options: ResolvedSandboxOptions,
    private readonly persistence: Persistence,
  ) {
    for (const record of persistence.readRecords<RestApiRecord>('apigateway/restapis'))
      this.apis.set(record.id, record);
  }

  api(id: string): RestApiRecord {
    const api = this.apis.get(id);
    if (!api) throw notFound(`Invalid API identifier specified ${this.options.accountId}:${id}`);
    return api;
  }

  save(api: RestApiRecord): void {
    this.apis.set(api.id, api);
    this.persistence.writeRecord('apigateway/restapis', api.id, api);
  }
}

const restApiJson = (api: RestApiRecord) => ({
  id: api.id,
  name: api.name,
  description: api.description,
  createdDate: api.createdDate,
  apiKeySource: 'HEADER',
  endpointConfiguration: { types: ['REGIONAL'] },
  rootResourceId: api.rootResourceId,
  disableExecuteApiEndpoint: false,
});

const methodJson = (method: MethodRecord) => ({
  httpMethod: method.httpMethod,
  authorizationType: method.authorizationType,
  apiKeyRequired: method.apiKeyRequired,
  ...(method.integration ? { methodIntegration: integrationJson(method) } : {}),
});

const integrationJson = (method: MethodRecord) => ({
  type: method.integration!.type,
  httpMethod: method.integration!.httpMethod,
  uri: method.integration!.uri,
  passthroughBehavior: method.integration!.passthroughBehavior,
  timeoutInMillis: method.integration!.timeoutInMillis,
  cacheNamespace: 'sandbox',
  cacheKeyParameters: [],
});

const resourceJson = (resource: ResourceRecord, embedMethods: boolean) => ({
  id: resource.id,
  ...(resource.parentId ? { parentId: resource.parentId } : {}),
  ...(resource.pathPart ? { pathPart: resource.pathPart } : {}),
  path: resource.path,
  ...(Object.keys(resource.methods).length > 0
    ? {
        resourceMethods: Object.fromEntries(
          Object.entries(resource.methods).map(([m, method]) => [m, embedMethods ? methodJson(method) : {}]),
        ),
      }
    : {}),
});

const deploymentJson = (deployment: DeploymentRecord) => ({
  id: deployment.id,
  description: deployment.description,
  createdDate: deployment.createdDate,
});
const stageJson = (stage: StageRecord) => ({
  ...stage,
  methodSettings: {},
  tracingEnabled: false,
  cacheClusterEnabled: false,
});

export function createApiGatewayService(
  options: ResolvedSandboxOptions,
  state: ApiGatewayState,
): SandboxService {
  const readJson = (request: SandboxRequest): Body =>
    readJsonBody(request, () => badRequest('Invalid JSON in the request body'));
  const page = <T>(items: T[], request: SandboxRequest) => {
    const limit = Math.min(Number(request.query.get('limit') ?? 25) || 25, options.pageSize);
    const start = Number(request.query.get('position') ?? 0) || 0;
    const next = start + limit < items.length ? String(start + limit) : undefined;
    return { items: items.slice(start, start + limit), ...(next ? { position: next } : {}) };
  };
  const resourceOf = (api: RestApiRecord, id: string) => {
    const resource = api.resources.find((r) => r.id === id);
    if (!resource) throw notFound('Invalid Resource identifier specified');
    return resource;
  };
  const methodOf = (resource: ResourceRecord, httpMethod: string) => {
    const method = resource.methods[httpMethod];
    if (!method) throw notFound('Invalid Method identifier specified');
    return method;
  };
  const deploymentOf = (api: RestApiRecord, id: string) => {
    const deployment = api.deployments.find((d) => d.id === id);
    if (!deployment) throw notFound('Invalid Deployment identifier specified');
    return deployment;
  };
  const stageOf = (api: RestApiRecord, name: string) => {
    const stage = api.stages[name];
    if (!stage) throw notFound('Invalid Stage identifier specified');
    return stage;
  };

  type Handler = (request: SandboxRequest, params: string[]) => SandboxResponse;
  const routes: Array<[string, RegExp, string, Handler]> = [
    [
      'POST',
      /^\/restapis$/,
      'CreateRestApi',
      (request) => {
        const body = readJson(request);
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
        state.save(api);
        return jsonResponse(restApiJson(api), 201);
      },
    ],
    [
      'GET',
      /^\/restapis$/,
      'GetRestApis',
      (request) => {
        const { items, position } = page(
          [...state.apis.values()].sort((a, b) => a.createdDate - b.createdDate || a.id.localeCompare(b.id)),
          request,
        );
        return jsonResponse({ item: items.map(restApiJson), ...(position ? { position } : {}) });
      },
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)$/,
      'GetRestApi',
      (_request, [id]) => jsonResponse(restApiJson(state.api(id!))),
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)\/resources$/,
      'GetResources',
      (request, [id]) => {
        const api = state.api(id!);
        const embed = request.query.getAll('embed').includes('methods');
        const { items, position } = page(api.resources, request);
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
        const api = state.api(id!);
        const parent = resourceOf(api, parentId!);
        const pathPart = String(readJson(request).pathPart ?? '');
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
        state.save(api);
        return jsonResponse(resourceJson(resource, false), 201);
      },
    ],
    [
      'PUT',
      /^\/restapis\/([^/]+)\/resources\/([^/]+)\/methods\/([^/]+)$/,
      'PutMethod',
      (request, [id, resourceId, httpMethod]) => {
        const api = state.api(id!);
        const resource = resourceOf(api, resourceId!);
        if (!HTTP_METHODS.test(httpMethod!)) throw badRequest(`Invalid HTTP method: ${httpMethod}`);
        const body = readJson(request);
        if (resource.methods[httpMethod!])
          throw new AwsError('ConflictException', 'Method already exists for this resource', 409);
        const method: MethodRecord = {
          httpMethod: httpMethod!,
          authorizationType: String(body.authorizationType ?? 'NONE'),
          apiKeyRequired: body.apiKeyRequired === true,
        };
        resource.methods[httpMethod!] = method;
        state.save(api);
        return jsonResponse(methodJson(method), 201);
      },
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)\/resources\/([^/]+)\/methods\/([^/]+)$/,
      'GetMethod',
      (_request, [id, resourceId, httpMethod]) =>
        jsonResponse(methodJson(methodOf(resourceOf(state.api(id!), resourceId!), httpMethod!))),
    ],
    [
      'PUT',
      /^\/restapis\/([^/]+)\/resources\/([^/]+)\/methods\/([^/]+)\/integration$/,
      'PutIntegration',
      (request, [id, resourceId, httpMethod]) => {
        const api = state.api(id!);
        const method = methodOf(resourceOf(api, resourceId!), httpMethod!);
        const body = readJson(request);
        const type = String(body.type ?? '');
        if (!['AWS_PROXY', 'AWS', 'HTTP', 'HTTP_PROXY', 'MOCK'].includes(type))
          throw badRequest(`Invalid integration type: ${type}`);
        if (
          type === 'AWS_PROXY' &&
          (typeof body.uri !== 'string' ||
            !/^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/.+\/invocations$/.test(
              body.uri,
            ))
        ) {
          throw badRequest('AWS ARN for integration must contain path or action');
        }
        // The integration's own method travels as `httpMethod` in the body (the path's is the method's).
        if (type === 'AWS_PROXY' && body.httpMethod !== 'POST')
          throw badRequest('AWS_PROXY integrations with Lambda use the POST integration HTTP method');
        method.integration = {
          type,
          httpMethod: String(body.httpMethod ?? 'POST'),
          uri: String(body.uri ?? ''),
          passthroughBehavior: String(body.passthroughBehavior ?? 'WHEN_NO_MATCH'),
          timeoutInMillis: Number(body.timeoutInMillis ?? 29_000),
        };
        state.save(api);
        return jsonResponse(integrationJson(method), 201);
      },
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)\/resources\/([^/]+)\/methods\/([^/]+)\/integration$/,
      'GetIntegration',
      (_request, [id, resourceId, httpMethod]) => {
        const method = methodOf(resourceOf(state.api(id!), resourceId!), httpMethod!);
        if (!method.integration) throw notFound('No integration defined for method');
        return jsonResponse(integrationJson(method));
      },
    ],
    [
      'POST',
      /^\/restapis\/([^/]+)\/deployments$/,
      'CreateDeployment',
      (request, [id]) => {
        const api = state.api(id!);
        const body = readJson(request);
        const methods = api.resources.flatMap((r) => Object.values(r.methods));
        if (methods.length === 0) throw badRequest("The REST API doesn't contain any methods");
        if (methods.some((m) => !m.integration)) throw badRequest('No integration defined for method');
        const deployment: DeploymentRecord = {
          id: newId(),
          description: String(body.description ?? ''),
          createdDate: epoch(),
          resources: structuredClone(api.resources),
        };
        api.deployments.push(deployment);
        if (typeof body.stageName === 'string' && body.stageName) {
          const existing = api.stages[body.stageName];
          api.stages[body.stageName] = existing
            ? {
                ...existing,
                deploymentId: deployment.id,
                lastUpdatedDate: epoch(),
                variables: { ...existing.variables, ...((body.variables as Record<string, string>) ?? {}) },
              }
            : {
                stageName: body.stageName,
                deploymentId: deployment.id,
                description: String(body.stageDescription ?? ''),
                variables: (body.variables as Record<string, string>) ?? {},
                createdDate: epoch(),
                lastUpdatedDate: epoch(),
              };
        }
        state.save(api);
        return jsonResponse(deploymentJson(deployment), 201);
      },
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)\/deployments$/,
      'GetDeployments',
      (request, [id]) => {
        const { items, position } = page(state.api(id!).deployments, request);
        return jsonResponse({ item: items.map(deploymentJson), ...(position ? { position } : {}) });
      },
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)\/deployments\/([^/]+)$/,
      'GetDeployment',
      (_request, [id, deploymentId]) =>
        jsonResponse(deploymentJson(deploymentOf(state.api(id!), deploymentId!))),
    ],
    [
      'POST',
      /^\/restapis\/([^/]+)\/stages$/,
      'CreateStage',
      (request, [id]) => {
        const api = state.api(id!);
        const body = readJson(request);
        const name = String(body.stageName ?? '');
        if (!/^[a-zA-Z0-9_-]{1,128}$/.test(name)) throw badRequest('Stage name only allows a-zA-Z0-9_-');
        if (api.stages[name]) throw new AwsError('ConflictException', 'Stage already exists', 409);
        deploymentOf(api, String(body.deploymentId ?? ''));
        const stage: StageRecord = {
          stageName: name,
          deploymentId: String(body.deploymentId),
          description: String(body.description ?? ''),
          variables: (body.variables as Record<string, string>) ?? {},
          createdDate: epoch(),
          lastUpdatedDate: epoch(),
        };
        api.stages[name] = stage;
        state.save(api);
        return jsonResponse(stageJson(stage), 201);
      },
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)\/stages$/,
      'GetStages',
      (request, [id]) => {
        const deploymentId = request.query.get('deploymentId');
        const stages = Object.values(state.api(id!).stages).filter(
          (s) => !deploymentId || s.deploymentId === deploymentId,
        );
        return jsonResponse({ item: stages.map(stageJson) });
      },
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)\/stages\/([^/]+)$/,
      'GetStage',
      (_request, [id, name]) => jsonResponse(stageJson(stageOf(state.api(id!), name!))),
    ],
    [
      'PATCH',
      /^\/restapis\/([^/]+)\/stages\/([^/]+)$/,
      'UpdateStage',
      (request, [id, name]) => {
        const api = state.api(id!);
        const stage = { ...stageOf(api, name!), variables: { ...stageOf(api, name!).variables } };
        for (const operation of (readJson(request).patchOperations as
          | Array<{ op: string; path: string; value?: string }>
          | undefined) ?? []) {
          const variable = /^\/variables\/(.+)$/.exec(operation.path)?.[1];
          if (operation.op === 'replace' && operation.path === '/deploymentId') {
            deploymentOf(api, String(operation.value));
            stage.deploymentId = String(operation.value);
          } else if (operation.op === 'replace' && operation.path === '/description') {
            stage.description = String(operation.value ?? '');
          } else if (variable && (operation.op === 'replace' || operation.op === 'add')) {
            stage.variables[decodeURIComponent(variable)] = String(operation.value ?? '');
          } else if (variable && operation.op === 'remove') {
            delete stage.variables[decodeURIComponent(variable)];
          } else {
            throw badRequest(
              `Invalid patch path '${operation.path}' specified for op '${operation.op}'. Must be one of: [/deploymentId, /description, /variables/*]`,
            );
          }
        }
        stage.lastUpdatedDate = epoch();
        api.stages[stage.stageName] = stage;
        state.save(api);
        return jsonResponse(stageJson(stage));
      },
    ],
  ];

  return {
    name: 'apigateway',
    renderError: (error) => ({
      status: error.status,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code, ...error.headers },
      body: JSON.stringify({ message: error.message }),
    }),
    route(request) {
      for (const [method, pattern, name, handle] of routes) {
        const match = pattern.exec(request.rawPath);
        if (match && method === request.method)
          return { name, run: () => handle(request, match.slice(1).map(decodeURIComponent)) };
      }
      throw new AwsError(
        'NotFoundException',
        `The sandbox does not implement ${request.method} ${request.rawPath}`,
        404,
      );
    },
  };
}
