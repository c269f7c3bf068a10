import { apiFunctionKey } from '../../config/api-function.js';
import { type ApiMethod, findRestApi, readApiMethods, readStage } from '../../providers/aws/api-stage.js';
import { combine } from '../finding.js';
import type { ValidationCheck, ValidationFinding } from '../types.js';

const LAMBDA_TARGET = /functions\/arn:[^:]+:lambda:[^:]+:[^:]+:function:([^:/]+)(?::([^/]+))?\/invocations/;

/** The function (and qualifier) a Lambda integration invokes, stage variables filled in. */
export function integrationTarget(
  method: ApiMethod,
  stageVariables: Record<string, string>,
): { name: string; qualifier?: string } | undefined {
  const uri = method.uri.replace(
    /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g,
    (whole, name: string) => stageVariables[name] ?? whole,
  );
  const match = LAMBDA_TARGET.exec(uri);
  if (!match) return undefined;
  return { name: match[1]!, ...(match[2] ? { qualifier: match[2] } : {}) };
}

/** The REST API and stage exist, and its Lambda integrations invoke the configured functions' aliases. */
export const apiCheck: ValidationCheck = {
  name: 'api',
  needs: 'backend',
  async run(context) {
    const backend = context.loaded.config.backend!;
    const api = backend.api;
    const key = api && apiFunctionKey(backend);
    if (!api || !key) return { status: 'pass', message: 'no API is configured' };
    const gateway = await context.clients.apiGateway();
    let restApiId: string;
    try {
      restApiId = await findRestApi(gateway, api.id, api.name);
    } catch (error) {
      return {
        status: 'fail',
        message: (error as Error).message,
        hint: 'Create the REST API, or fix backend.api.id / backend.api.name.',
      };
    }
    const problems: ValidationFinding[] = [];
    const stage = await readStage(gateway, restApiId, api.stage);
    if (!stage)
      problems.push({
        status: 'warn',
        message: `the stage ${api.stage} of ${restApiId} does not exist yet; the deployment creates it`,
      });
    const variables = {
      ...stage?.variables,
      ...Object.fromEntries(Object.entries(api.stageVariables).map(([name, value]) => [name, String(value)])),
    };
    const byName = new Map(Object.values(backend.functions).map((fn) => [fn.name, fn]));
    const served = backend.functions[key]!;
    let invokesServed = false;
    for (const method of await readApiMethods(gateway, restApiId)) {
      const target = integrationTarget(method, variables);
      const fn = target && byName.get(target.name);
      if (!target || !fn) continue;
      if (fn === served) invokesServed = true;
      if (target.qualifier !== fn.alias)
        problems.push({
          status: 'fail',
          message: `${method.method} ${method.path} invokes ${fn.name}${target.qualifier ? ` at ${target.qualifier}` : ' unqualified ($LATEST)'}, not its alias ${fn.alias}`,
          hint: `Point the integration at ${fn.name}:${fn.alias}: releases move the alias, and only an integration with it follows them.`,
        });
    }
    if (!invokesServed)
      problems.push({
        status: 'fail',
        message: `no integration of the REST API ${restApiId} invokes ${served.name}`,
        hint: `Add a Lambda proxy integration to ${served.name}:${served.alias}, or fix backend.api.function.`,
      });
    return combine(
      problems,
      `REST API ${restApiId}, stage ${api.stage}, integrations invoke ${served.name}:${served.alias}`,
    );
  },
};
