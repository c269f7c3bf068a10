import type { ResolvedSandboxOptions } from '../../options.js';
import { readJsonBody } from '../../protocol/json-body.js';
import type { SandboxRequest, SandboxResponse } from '../../service.js';
import type { ResourceRecord, RestApiRecord } from './model.js';
import { type ApiGatewayState, badRequest, notFound } from './state.js';

/** One route: method, path pattern, operation name (as in the API reference), handler. */
export type Route = [string, RegExp, string, (request: SandboxRequest, params: string[]) => SandboxResponse];

type Body = Record<string, unknown>;

/** What every API Gateway route works with: the state and the lookups that raise AWS's errors. */
export type ApiGatewayContext = ReturnType<typeof createApiGatewayContext>;

export function createApiGatewayContext(options: ResolvedSandboxOptions, state: ApiGatewayState) {
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
    const method = Object.hasOwn(resource.methods, httpMethod) ? resource.methods[httpMethod] : undefined;
    if (!method) throw notFound('Invalid Method identifier specified');
    return method;
  };
  const deploymentOf = (api: RestApiRecord, id: string) => {
    const deployment = api.deployments.find((d) => d.id === id);
    if (!deployment) throw notFound('Invalid Deployment identifier specified');
    return deployment;
  };
  const stageOf = (api: RestApiRecord, name: string) => {
    const stage = Object.hasOwn(api.stages, name) ? api.stages[name] : undefined;
    if (!stage) throw notFound('Invalid Stage identifier specified');
    return stage;
  };

  return { options, state, readJson, page, resourceOf, methodOf, deploymentOf, stageOf };
}
