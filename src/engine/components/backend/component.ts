import { apiFunctionKey } from '../../../config/api-function.js';
import { ValidationFailedError } from '../../../core/errors.js';
import { apiDefinitionHash, findRestApi, readStage } from '../../../providers/aws/api-stage.js';
import type { DesiredFunction, LiveFunction } from '../../../providers/aws/functions.js';
import { readLiveFunction } from '../../../providers/aws/functions.js';
import type { FunctionPackage } from '../../../providers/package/function-package.js';
import type { Component } from '../component.js';
import { applyBackend } from './apply.js';
import { planBackend } from './plan.js';
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
    let api: PlannedBackend['api'];
    let stageInput: Parameters<typeof planBackend>[2];
    if (backend.api && apiFunctionKey(backend)) {
      const gateway = await clients.apiGateway();
      const restApiId = await findRestApi(gateway, backend.api.id, backend.api.name);
      const liveStage = await readStage(gateway, restApiId, backend.api.stage);
      const definitionHash = await apiDefinitionHash(gateway, restApiId);
      const deployedHash = context.releases[0]?.manifest.backend?.api?.definitionHash;
      const redeploy = !liveStage
        ? 'new stage'
        : context.redeployApi
          ? 'asked'
          : deployedHash === undefined
            ? 'first deployment'
            : deployedHash !== definitionHash
              ? 'definition changed'
              : undefined;
      api = {
        restApiId,
        stage: backend.api.stage,
        ...(liveStage ? { live: liveStage } : {}),
        definitionHash,
        ...(redeploy ? { redeploy } : {}),
      };
      stageInput = {
        desired: Object.fromEntries(
          Object.entries(backend.api.stageVariables).map(([name, value]) => [name, String(value)]),
        ),
        live: liveStage?.variables ?? {},
      };
    }
    const backendPlan = planBackend(
      [...packages.values()].map((entry) => entry.desired),
      live,
      stageInput,
    );
    if (backendPlan.missing.length > 0) {
      throw new ValidationFailedError(
        'FunctionNotFound',
        `these functions do not exist: ${backendPlan.missing.join(', ')}`,
        {
          hint: 'Create them first (or, on the sandbox, start it with --bootstrap <env>).',
        },
      );
    }
    return { packages, live, plan: backendPlan, ...(api ? { api } : {}) };
  },
  changes: (planned) =>
    planned.plan.functions.some((fn) => fn.action !== 'unchanged') ||
    planned.plan.stage !== undefined ||
    planned.api?.redeploy !== undefined,
  describeLive: (planned) => ({
    functions: [...planned.live.values()].map((fn) => ({
      name: fn.name,
      version: fn.alias?.version ?? '$LATEST',
      codeSha256: fn.alias?.codeSha256 ?? fn.codeSha256,
      alias: planned.packages.get(fn.name)!.desired.alias,
    })),
    ...(planned.api?.live
      ? {
          api: {
            restApiId: planned.api.restApiId,
            stage: planned.api.stage,
            deploymentId: planned.api.live.deploymentId,
            variables: planned.api.live.variables,
          },
        }
      : {}),
  }),
  apply: (planned, context) => applyBackend(planned, context.loaded.config.backend!, context),
};
