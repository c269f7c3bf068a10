import type { ResolvedSandboxOptions } from '../../../options.js';
import type { Route } from '../context.js';
import { apiOperations } from './api-operations.js';
import { createHttpApiContext } from './context.js';
import { deploymentOperations } from './deployment-operations.js';
import { integrationOperations } from './integration-operations.js';
import { routeOperations } from './route-operations.js';
import { stageOperations } from './stage-operations.js';
import type { HttpApiState } from './state.js';
import { tagOperations } from './tag-operations.js';

/** Every API Gateway v2 operation the sandbox answers, as routes of the apigateway service. */
export function httpApiRoutes(options: ResolvedSandboxOptions, state: HttpApiState): Route[] {
  const ctx = createHttpApiContext(options, state);
  return [
    ...apiOperations(ctx),
    ...routeOperations(ctx),
    ...integrationOperations(ctx),
    ...stageOperations(ctx),
    ...deploymentOperations(ctx),
    ...tagOperations(ctx),
  ];
}
