import type { ResolvedSandboxOptions } from '../../options.js';
import type { SandboxRequest, SandboxResponse } from '../../service.js';
import type { LambdaInvoker } from '../lambda/lambda.js';
import { createHttpApiServer } from './http/serve.js';
import type { HttpApiState } from './http/state.js';
import { createApiGatewayServer } from './serve.js';
import type { ApiGatewayState } from './state.js';

/**
 * `/_omnix/apigateway/<api id>/…`, the sandbox's `<api id>.execute-api.<region>.amazonaws.com`:
 * REST APIs and HTTP APIs share the host names (and so their ids), each served its own way.
 */
export function createExecuteApiServer(
  rest: ApiGatewayState,
  http: HttpApiState,
  invoke: LambdaInvoker,
  options: ResolvedSandboxOptions,
) {
  const serveRest = createApiGatewayServer(rest, invoke, options);
  const serveHttp = createHttpApiServer(http.apis, invoke, options);
  return (request: SandboxRequest, path: string): Promise<SandboxResponse> => {
    const apiId = path.split('/')[0] ?? '';
    return http.apis.has(apiId) ? serveHttp(request, path) : serveRest(request, path);
  };
}
