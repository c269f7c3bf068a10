import { AwsError } from '../../protocol/aws-error.js';
import { jsonResponse } from '../../service.js';
import type { ApiGatewayContext, Route } from './context.js';
import { deploymentJson, stageJson } from './json.js';
import type { DeploymentRecord, StageRecord } from './model.js';
import { badRequest, epoch, newId } from './state.js';

/** CreateDeployment, GetDeployment(s), DeleteDeployment, CreateStage, GetStage(s), UpdateStage. */
export function stageRoutes(ctx: ApiGatewayContext): Route[] {
  return [
    [
      'POST',
      /^\/restapis\/([^/]+)\/deployments$/,
      'CreateDeployment',
      (request, [id]) => {
        const api = ctx.state.api(id!);
        const body = ctx.readJson(request);
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
        ctx.state.save(api);
        return jsonResponse(deploymentJson(deployment), 201);
      },
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)\/deployments$/,
      'GetDeployments',
      (request, [id]) => {
        const { items, position } = ctx.page(ctx.state.api(id!).deployments, request);
        return jsonResponse({ item: items.map(deploymentJson), ...(position ? { position } : {}) });
      },
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)\/deployments\/([^/]+)$/,
      'GetDeployment',
      (_request, [id, deploymentId]) =>
        jsonResponse(deploymentJson(ctx.deploymentOf(ctx.state.api(id!), deploymentId!))),
    ],
    [
      'DELETE',
      /^\/restapis\/([^/]+)\/deployments\/([^/]+)$/,
      'DeleteDeployment',
      (_request, [id, deploymentId]) => {
        const api = ctx.state.api(id!);
        const deployment = ctx.deploymentOf(api, deploymentId!);
        if (Object.values(api.stages).some((stage) => stage.deploymentId === deployment.id))
          throw badRequest('Active stages pointing to this deployment must be moved or deleted');
        api.deployments = api.deployments.filter((d) => d.id !== deployment.id);
        ctx.state.save(api);
        return { status: 202, headers: {} };
      },
    ],
    [
      'POST',
      /^\/restapis\/([^/]+)\/stages$/,
      'CreateStage',
      (request, [id]) => {
        const api = ctx.state.api(id!);
        const body = ctx.readJson(request);
        const name = String(body.stageName ?? '');
        if (!/^[a-zA-Z0-9_-]{1,128}$/.test(name)) throw badRequest('Stage name only allows a-zA-Z0-9_-');
        if (api.stages[name]) throw new AwsError('ConflictException', 'Stage already exists', 409);
        ctx.deploymentOf(api, String(body.deploymentId ?? ''));
        const stage: StageRecord = {
          stageName: name,
          deploymentId: String(body.deploymentId),
          description: String(body.description ?? ''),
          variables: (body.variables as Record<string, string>) ?? {},
          createdDate: epoch(),
          lastUpdatedDate: epoch(),
        };
        api.stages[name] = stage;
        ctx.state.save(api);
        return jsonResponse(stageJson(stage), 201);
      },
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)\/stages$/,
      'GetStages',
      (request, [id]) => {
        const deploymentId = request.query.get('deploymentId');
        const stages = Object.values(ctx.state.api(id!).stages).filter(
          (s) => !deploymentId || s.deploymentId === deploymentId,
        );
        return jsonResponse({ item: stages.map(stageJson) });
      },
    ],
    [
      'GET',
      /^\/restapis\/([^/]+)\/stages\/([^/]+)$/,
      'GetStage',
      (_request, [id, name]) => jsonResponse(stageJson(ctx.stageOf(ctx.state.api(id!), name!))),
    ],
    [
      'PATCH',
      /^\/restapis\/([^/]+)\/stages\/([^/]+)$/,
      'UpdateStage',
      (request, [id, name]) => {
        const api = ctx.state.api(id!);
        const stage = { ...ctx.stageOf(api, name!), variables: { ...ctx.stageOf(api, name!).variables } };
        for (const operation of (ctx.readJson(request).patchOperations as
          | Array<{ op: string; path: string; value?: string }>
          | undefined) ?? []) {
          const variable = /^\/variables\/(.+)$/.exec(operation.path)?.[1];
          if (operation.op === 'replace' && operation.path === '/deploymentId') {
            ctx.deploymentOf(api, String(operation.value));
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
        ctx.state.save(api);
        return jsonResponse(stageJson(stage));
      },
    ],
  ];
}
