import { hasApi } from '../../../config/api-routes.js';
import { ValidationFailedError } from '../../../core/errors.js';
import { releasedApi } from '../../../providers/aws/api-kind.js';
import type { DesiredFunction, LiveFunction } from '../../../providers/aws/functions.js';
import { readLiveFunction } from '../../../providers/aws/functions.js';
import type { FunctionPackage } from '../../../providers/package/function-package.js';
import type { Component } from '../component.js';
import { applyBackend } from './apply.js';
import { planBackend } from './plan.js';
import { planApi } from './plan-api.js';
import type { PlannedBackend } from './planned.js';

/** The functions (code, configuration, versions, aliases) and the API stage in front of them. */
export const backendComponent: Component<PlannedBackend, 'backend'> = {
  name: 'backend',
  async plan(context) {
    const { loaded, clients } = context;
    const { config } = loaded;
    if (!config.backend) return undefined;
    const backend = config.backend;
    const lambda = await clients.lambda();
    const built = await context.artifacts.packages();
    const packages = new Map<string, { desired: DesiredFunction; pkg: FunctionPackage }>();
    const live = new Map<string, LiveFunction>();
    for (const [key, fn] of Object.entries(backend.functions)) {
      const pkg = built.get(key)!;
      if (pkg instanceof Error) throw pkg;
      const desired: DesiredFunction = {
        key,
        name: fn.name,
        codeSha256: pkg.codeSha256,
        runtime: fn.runtime,
        handler: fn.handler,
        memoryMb: fn.memoryMb,
        timeoutSeconds: fn.timeoutSeconds,
        environment: Object.fromEntries(
          Object.entries(fn.environment).map(([name, value]) => [name, String(value)]),
        ),
        ...(fn.description !== undefined ? { description: fn.description } : {}),
        alias: fn.alias,
      };
      packages.set(fn.name, { desired, pkg });
      const current = await readLiveFunction(lambda, fn.name, fn.alias);
      if (current) live.set(fn.name, current);
    }
    const desired = [...packages.values()].map((entry) => entry.desired);
    // Missing functions stop the plan before the API is read: its routes name their aliases.
    const { missing } = planBackend(desired, live);
    if (missing.length > 0) {
      throw new ValidationFailedError(
        'FunctionNotFound',
        `these functions do not exist: ${missing.join(', ')}`,
        {
          hint: 'Create them first (or, on the sandbox, start it with --bootstrap <env>).',
        },
      );
    }
    const api = hasApi(backend)
      ? await planApi(backend, clients, context.releases, context.redeployApi === true)
      : undefined;
    const backendPlan = planBackend(
      desired,
      live,
      api
        ? {
            desired: Object.fromEntries(
              Object.entries(backend.api!.stageVariables).map(([name, value]) => [name, String(value)]),
            ),
            live: api.live?.variables ?? {},
          }
        : undefined,
    );
    return { packages, live, plan: backendPlan, ...(api ? { api } : {}) };
  },
  changes: (planned) =>
    planned.plan.functions.some((fn) => fn.action !== 'unchanged') ||
    planned.plan.stage !== undefined ||
    planned.api?.redeploy !== undefined ||
    (planned.api?.grant?.length ?? 0) > 0 ||
    planned.api?.turnOffAutoDeploy === true,
  describeLive: (planned) => ({
    functions: [...planned.live.values()].map((fn) => ({
      name: fn.name,
      version: fn.alias?.version ?? '$LATEST',
      codeSha256: fn.alias?.codeSha256 ?? fn.codeSha256,
      alias: planned.packages.get(fn.name)!.desired.alias,
    })),
    ...(planned.api?.live ? { api: liveApi(planned.api, planned.api.live) } : {}),
  }),
  apply: (planned, context) => applyBackend(planned, context.loaded.config.backend!, context),
};

/** The API as it is live before the deployment: its stage and, when omnix owns them, its routes. */
function liveApi(
  api: NonNullable<PlannedBackend['api']>,
  live: NonNullable<NonNullable<PlannedBackend['api']>['live']>,
) {
  return releasedApi(api.type, api.apiId, {
    stage: api.stage,
    deploymentId: live.deploymentId,
    variables: live.variables,
    ...(api.routes ? { routes: api.routes.live } : {}),
  });
}
