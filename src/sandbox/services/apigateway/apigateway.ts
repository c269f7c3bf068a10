import type { ResolvedSandboxOptions } from '../../options.js';
import { AwsError } from '../../protocol/aws-error.js';
import type { SandboxService } from '../../service.js';
import { apiRoutes } from './api-routes.js';
import { createApiGatewayContext } from './context.js';
import { httpApiRoutes } from './http/routes.js';
import type { HttpApiState } from './http/state.js';
import { restRemovalRoutes } from './removal-routes.js';
import { stageRoutes } from './stage-routes.js';
import type { ApiGatewayState } from './state.js';

/** API Gateway's control plane: REST APIs under `/restapis`, HTTP APIs (v2) under `/v2/`, one signing name. */
export function createApiGatewayService(
  options: ResolvedSandboxOptions,
  state: ApiGatewayState,
  httpState: HttpApiState,
): SandboxService {
  const ctx = createApiGatewayContext(options, state);
  const routes = [
    ...apiRoutes(ctx),
    ...stageRoutes(ctx),
    ...restRemovalRoutes(ctx),
    ...httpApiRoutes(options, httpState),
  ];

  return {
    name: 'apigateway',
    renderError: (error) => ({
      status: error.status,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code, ...error.headers },
      body: JSON.stringify({ message: error.message }),
    }),
    route(request) {
      for (const [method, pattern, name, handle] of routes) {
        const match = pattern.exec(request.rawPath);
        if (match && method === request.method)
          return { name, run: () => handle(request, match.slice(1).map(decodeURIComponent)) };
      }
      throw new AwsError(
        'NotFoundException',
        `The sandbox does not implement ${request.method} ${request.rawPath}`,
        404,
      );
    },
  };
}
