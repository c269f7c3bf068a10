import { apiFunctionKey } from '../../config/api-function.js';
import { hasApi } from '../../config/api-routes.js';
import type { OmnixConfig } from '../../config/schema.js';
import { UsageError } from '../../core/errors.js';
import type { BootstrapPlan } from '../../providers/aws/bootstrap.js';

/**
 * What `--bootstrap <env>` creates for an environment: everything its configuration names. An API whose
 * routes omnix owns (`backend.api.routes`) is created empty: the first deployment adds routes and stage.
 */
export function bootstrapPlanFor(config: OmnixConfig): BootstrapPlan {
  const backend = config.backend;
  const api = backend?.api;
  if (api && !api.name) {
    throw new UsageError(
      'BootstrapNeedsApiName',
      'bootstrap creates the API by name, but backend.api gives an id',
      {
        hint: 'Give backend.api.name for this environment (an id is assigned by API Gateway when the API is created).',
      },
    );
  }
  const apiFunction =
    backend && api && !api.routes ? backend.functions[apiFunctionKey(backend) ?? ''] : undefined;
  return {
    ...(config.frontend
      ? {
          frontend: {
            bucket: config.frontend.bucket,
            rootObject: config.frontend.entryPoints[0] ?? 'index.html',
          },
        }
      : {}),
    ...(backend?.artifactBucket ? { artifactBucket: backend.artifactBucket } : {}),
    functions: Object.values(backend?.functions ?? {}).map((fn) => ({
      name: fn.name,
      runtime: fn.runtime,
      handler: fn.handler,
      memoryMb: fn.memoryMb,
      timeoutSeconds: fn.timeoutSeconds,
      environment: Object.fromEntries(
        Object.entries(fn.environment).map(([key, value]) => [key, String(value)]),
      ),
      alias: fn.alias,
    })),
    ...(backend && api && hasApi(backend)
      ? {
          api: {
            type: api.type,
            name: api.name!,
            stage: api.stage,
            stageVariables: Object.fromEntries(
              Object.entries(api.stageVariables).map(([key, value]) => [key, String(value)]),
            ),
            ...(apiFunction ? { proxyTo: { functionName: apiFunction.name, alias: apiFunction.alias } } : {}),
          },
        }
      : {}),
  };
}
