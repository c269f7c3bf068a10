import type { ResolvedSandboxOptions } from '../../../options.js';
import { readJsonBody } from '../../../protocol/json-body.js';
import type { SandboxRequest } from '../../../service.js';
import type { HttpApiRecord, HttpDeploymentRecord } from './model.js';
import { badRequest, type HttpApiState, isoNow, newHttpId, notFound } from './state.js';

type Body = Record<string, unknown>;

/** What every HTTP API operation works with: the state, paging, and lookups that raise AWS's errors. */
export type HttpApiContext = ReturnType<typeof createHttpApiContext>;

export function createHttpApiContext(options: ResolvedSandboxOptions, state: HttpApiState) {
  const readJson = (request: SandboxRequest): Body => {
    const body = readJsonBody(request, () => badRequest('Invalid JSON in the request body'));
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw badRequest('The request body must be a JSON object');
    return body;
  };

  /** `{ items, nextToken }` with `maxResults`/`nextToken` paging, capped at the sandbox's page size. */
  const page = <T>(items: T[], request: SandboxRequest) => {
    const asked = request.query.get('maxResults');
    const limit = Math.min(asked === null ? options.pageSize : Number(asked), options.pageSize);
    if (!Number.isInteger(limit) || limit < 1) throw badRequest(`Invalid maxResults: ${asked}`);
    const token = request.query.get('nextToken');
    const start = token === null ? 0 : Number(token);
    if (!Number.isInteger(start) || start < 0 || start > items.length)
      throw badRequest('Invalid pagination token specified');
    const next = start + limit < items.length ? String(start + limit) : undefined;
    return { items: items.slice(start, start + limit), ...(next ? { nextToken: next } : {}) };
  };

  const routeOf = (api: HttpApiRecord, id: string) => {
    const route = api.routes.find((r) => r.routeId === id);
    if (!route) throw notFound(`Invalid Route identifier specified ${id}`);
    return route;
  };
  const integrationOf = (api: HttpApiRecord, id: string) => {
    const integration = api.integrations.find((i) => i.integrationId === id);
    if (!integration) throw notFound(`Invalid Integration identifier specified ${id}`);
    return integration;
  };
  const deploymentOf = (api: HttpApiRecord, id: string) => {
    const deployment = api.deployments.find((d) => d.deploymentId === id);
    if (!deployment) throw notFound(`Invalid Deployment identifier specified ${id}`);
    return deployment;
  };
  const stageOf = (api: HttpApiRecord, name: string) => {
    const stage = Object.hasOwn(api.stages, name) ? api.stages[name] : undefined;
    if (!stage) throw notFound(`Invalid stage identifier specified ${name}`);
    return stage;
  };

  /** Freezes the API's routes and integrations; refused, as on AWS, when it has no route. */
  const freeze = (api: HttpApiRecord, description: string | undefined, autoDeployed: boolean) => {
    if (api.routes.length === 0) throw badRequest('Unable to deploy API because no routes exist in this API');
    const deployment: HttpDeploymentRecord = {
      deploymentId: newHttpId(6),
      ...(description !== undefined ? { description } : {}),
      createdDate: isoNow(),
      autoDeployed,
      routes: structuredClone(api.routes),
      integrations: structuredClone(api.integrations),
    };
    api.deployments.push(deployment);
    return deployment;
  };

  /**
   * What AWS does after every change to routes and integrations, and when a stage turns autoDeploy
   * on: a new deployment for each autoDeploy stage (the failure, if any, kept as the stage's
   * lastDeploymentStatusMessage). The caller saves the API.
   */
  const autoDeploy = (api: HttpApiRecord, only?: string) => {
    for (const stage of Object.values(api.stages)) {
      if (!stage.autoDeploy || (only !== undefined && stage.stageName !== only)) continue;
      try {
        stage.deploymentId = freeze(
          api,
          'Automatic deployment triggered by changes to the Api configuration',
          true,
        ).deploymentId;
        delete stage.lastDeploymentStatusMessage;
      } catch (error) {
        stage.lastDeploymentStatusMessage = `Deployment attempt failed: ${(error as Error).message}`;
      }
      stage.lastUpdatedDate = isoNow();
    }
  };

  /** Where the sandbox serves this API (what AWS calls its apiEndpoint), on the host the client used. */
  const apiEndpoint = (request: SandboxRequest, api: HttpApiRecord) =>
    `http://${request.host}/_omnix/apigateway/${api.apiId}`;

  const region = (request: SandboxRequest) => request.scope?.region ?? 'us-east-1';

  return {
    options,
    state,
    readJson,
    page,
    routeOf,
    integrationOf,
    deploymentOf,
    stageOf,
    freeze,
    autoDeploy,
    apiEndpoint,
    region,
  };
}
