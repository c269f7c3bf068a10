import { jsonResponse } from '../../../service.js';
import type { Route } from '../context.js';
import type { HttpApiContext } from './context.js';
import { optionalBoolean, optionalString, refuseUnsupported, stringMap } from './fields.js';
import { stageJson } from './json.js';
import type { HttpApiRecord, HttpStageRecord } from './model.js';
import { badRequest, conflict, isoNow } from './state.js';

type Body = Record<string, unknown>;

const UNSUPPORTED = ['accessLogSettings', 'clientCertificateId', 'defaultRouteSettings', 'routeSettings'];
const STAGE_NAME = /^(\$default|[A-Za-z0-9_-]{1,128})$/;

/** Stage variables as AWS allows them: names of letters, digits and `_`; values of `[A-Za-z0-9-._~:/?#&=,]`. */
const variables = (body: Body) =>
  stringMap(body, 'stageVariables', (name, value) => {
    if (!/^[A-Za-z0-9_]{1,64}$/.test(name))
      throw badRequest(`Stage variable name '${name.slice(0, 80)}' must be alphanumeric or _`);
    if (!/^[A-Za-z0-9-._~:/?#&=,]{0,512}$/.test(value))
      throw badRequest(`Stage variable value for '${name}' may contain only A-Za-z0-9-._~:/?#&=,`);
  });

function checkDeployment(ctx: HttpApiContext, api: HttpApiRecord, id: unknown, autoDeploy: boolean): string {
  if (typeof id !== 'string') throw badRequest('Invalid deploymentId');
  if (autoDeploy) throw badRequest('A stage with autoDeploy enabled cannot be given a deploymentId');
  return ctx.deploymentOf(api, id).deploymentId;
}

/** CreateStage, GetStages, GetStage, UpdateStage, DeleteStage. */
export function stageOperations(ctx: HttpApiContext): Route[] {
  return [
    [
      'POST',
      /^\/v2\/apis\/([^/]+)\/stages$/,
      'CreateStage',
      (request, [id]) => {
        const api = ctx.state.api(id!);
        const body = ctx.readJson(request);
        refuseUnsupported(body, UNSUPPORTED);
        const name = body.stageName;
        if (typeof name !== 'string' || !STAGE_NAME.test(name))
          throw badRequest('Stage name must be $default or 1 to 128 of a-zA-Z0-9_-');
        if (Object.hasOwn(api.stages, name)) throw conflict(`Stage ${name} already exists`);
        const autoDeploy = optionalBoolean(body, 'autoDeploy') ?? false;
        const description = optionalString(body, 'description', 1024);
        const now = isoNow();
        const stage: HttpStageRecord = {
          stageName: name,
          ...(body.deploymentId !== undefined
            ? { deploymentId: checkDeployment(ctx, api, body.deploymentId, autoDeploy) }
            : {}),
          autoDeploy,
          ...(description !== undefined ? { description } : {}),
          stageVariables: variables(body),
          tags: stringMap(body, 'tags'),
          createdDate: now,
          lastUpdatedDate: now,
        };
        api.stages[name] = stage;
        ctx.autoDeploy(api, name);
        ctx.state.save(api);
        return jsonResponse(stageJson(stage), 201);
      },
    ],
    [
      'GET',
      /^\/v2\/apis\/([^/]+)\/stages$/,
      'GetStages',
      (request, [id]) => {
        const { items, nextToken } = ctx.page(Object.values(ctx.state.api(id!).stages), request);
        return jsonResponse({ items: items.map(stageJson), ...(nextToken ? { nextToken } : {}) });
      },
    ],
    [
      'GET',
      /^\/v2\/apis\/([^/]+)\/stages\/([^/]+)$/,
      'GetStage',
      (_request, [id, name]) => jsonResponse(stageJson(ctx.stageOf(ctx.state.api(id!), name!))),
    ],
    [
      'PATCH',
      /^\/v2\/apis\/([^/]+)\/stages\/([^/]+)$/,
      'UpdateStage',
      (request, [id, name]) => {
        const api = ctx.state.api(id!);
        const stage = ctx.stageOf(api, name!);
        const body = ctx.readJson(request);
        refuseUnsupported(body, UNSUPPORTED);
        const updated: HttpStageRecord = { ...stage, stageVariables: { ...stage.stageVariables } };
        const autoDeploy = optionalBoolean(body, 'autoDeploy');
        if (autoDeploy !== undefined) updated.autoDeploy = autoDeploy;
        if (body.deploymentId !== undefined)
          updated.deploymentId = checkDeployment(ctx, api, body.deploymentId, updated.autoDeploy);
        const description = optionalString(body, 'description', 1024);
        if (description !== undefined) updated.description = description;
        // Variables merge into the stage's; an empty value removes one.
        for (const [key, value] of Object.entries(variables(body))) {
          if (value === '') delete updated.stageVariables[key];
          else updated.stageVariables[key] = value;
        }
        updated.lastUpdatedDate = isoNow();
        api.stages[updated.stageName] = updated;
        if (autoDeploy === true && !stage.autoDeploy) ctx.autoDeploy(api, updated.stageName);
        ctx.state.save(api);
        return jsonResponse(stageJson(updated));
      },
    ],
    [
      'DELETE',
      /^\/v2\/apis\/([^/]+)\/stages\/([^/]+)$/,
      'DeleteStage',
      (_request, [id, name]) => {
        const api = ctx.state.api(id!);
        const stage = ctx.stageOf(api, name!);
        delete api.stages[stage.stageName];
        ctx.state.save(api);
        return { status: 204, headers: {} };
      },
    ],
  ];
}
