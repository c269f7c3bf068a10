import { jsonResponse } from '../../../service.js';
import type { Route } from '../context.js';
import type { HttpApiContext } from './context.js';
import { optionalString } from './fields.js';
import { deploymentJson } from './json.js';
import { badRequest, isoNow } from './state.js';

/** CreateDeployment, GetDeployments, GetDeployment, DeleteDeployment. */
export function deploymentOperations(ctx: HttpApiContext): Route[] {
  return [
    [
      'POST',
      /^\/v2\/apis\/([^/]+)\/deployments$/,
      'CreateDeployment',
      (request, [id]) => {
        const api = ctx.state.api(id!);
        const body = ctx.readJson(request);
        const stageName = optionalString(body, 'stageName', 128);
        const stage = stageName !== undefined ? ctx.stageOf(api, stageName) : undefined;
        if (stage?.autoDeploy)
          throw badRequest(`Stage ${stage.stageName} has autoDeploy enabled: it deploys by itself`);
        const deployment = ctx.freeze(api, optionalString(body, 'description', 1024), false);
        if (stage) {
          stage.deploymentId = deployment.deploymentId;
          stage.lastUpdatedDate = isoNow();
        }
        ctx.state.save(api);
        return jsonResponse(deploymentJson(deployment), 201);
      },
    ],
    [
      'GET',
      /^\/v2\/apis\/([^/]+)\/deployments$/,
      'GetDeployments',
      (request, [id]) => {
        const { items, nextToken } = ctx.page(ctx.state.api(id!).deployments, request);
        return jsonResponse({ items: items.map(deploymentJson), ...(nextToken ? { nextToken } : {}) });
      },
    ],
    [
      'GET',
      /^\/v2\/apis\/([^/]+)\/deployments\/([^/]+)$/,
      'GetDeployment',
      (_request, [id, deploymentId]) =>
        jsonResponse(deploymentJson(ctx.deploymentOf(ctx.state.api(id!), deploymentId!))),
    ],
    [
      'DELETE',
      /^\/v2\/apis\/([^/]+)\/deployments\/([^/]+)$/,
      'DeleteDeployment',
      (_request, [id, deploymentId]) => {
        const api = ctx.state.api(id!);
        const deployment = ctx.deploymentOf(api, deploymentId!);
        if (Object.values(api.stages).some((s) => s.deploymentId === deployment.deploymentId))
          throw badRequest('Active stages pointing to this deployment must be moved or deleted');
        api.deployments = api.deployments.filter((d) => d.deploymentId !== deployment.deploymentId);
        ctx.state.save(api);
        return { status: 204, headers: {} };
      },
    ],
  ];
}
