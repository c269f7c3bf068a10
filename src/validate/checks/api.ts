import { apiFunctionKey } from '../../config/api-function.js';
import { hasApi } from '../../config/api-routes.js';
import { autoDeployRefusal } from '../../providers/aws/api-kind.js';
import { apiKind } from '../../providers/aws/api-kinds.js';
import { combine } from '../finding.js';
import type { ValidationCheck, ValidationFinding } from '../types.js';
import { checkUnmanagedRoutes } from './api-routes.js';

export { integrationTarget } from './api-routes.js';

/**
 * The API and its stage exist, the stage does not deploy by itself (unless omnix may turn that off),
 * and — when omnix does not own the routes — the routes invoke the configured functions' aliases, which
 * let this API invoke them. Owned routes (`backend.api.routes`) are made right by the deployment.
 */
export const apiCheck: ValidationCheck = {
  name: 'api',
  needs: 'backend',
  async run(context) {
    const backend = context.loaded.config.backend!;
    const api = backend.api;
    if (!api || !hasApi(backend)) return { status: 'pass', message: 'no API is configured' };
    const kind = await apiKind(api.type);
    let apiId: string;
    try {
      apiId = await kind.find(context.clients, api.id, api.name);
    } catch (error) {
      return {
        status: 'fail',
        message: (error as Error).message,
        hint: `Create the ${kind.label}, or fix backend.api.id / backend.api.name.`,
      };
    }
    const problems: ValidationFinding[] = [];
    const stage = await kind.readStage(context.clients, apiId, api.stage);
    if (!stage)
      problems.push({
        status: 'warn',
        message: `the stage ${api.stage} of ${apiId} does not exist yet; the deployment creates it`,
      });
    if (stage?.autoDeploy) {
      const refusal = autoDeployRefusal(stage);
      problems.push(
        api.turnOffAutoDeploy
          ? {
              status: 'warn',
              message: `the stage ${api.stage} deploys automatically; the deployment turns that off (turnOffAutoDeploy)`,
            }
          : { status: 'fail', message: refusal.message, ...(refusal.hint ? { hint: refusal.hint } : {}) },
      );
    }
    if (api.routes)
      return combine(
        problems,
        `${kind.label} ${apiId}, stage ${api.stage}: the deployment makes its routes match backend.api.routes`,
      );
    const variables = {
      ...stage?.variables,
      ...Object.fromEntries(Object.entries(api.stageVariables).map(([name, value]) => [name, String(value)])),
    };
    const served = apiFunctionKey(backend)!;
    problems.push(
      ...(await checkUnmanagedRoutes(kind, apiId, api.stage, backend, served, variables, context.clients)),
    );
    const fn = backend.functions[served]!;
    return combine(
      problems,
      `${kind.label} ${apiId}, stage ${api.stage}, integrations invoke ${fn.name}:${fn.alias}`,
    );
  },
};
