import type { ResolvedSandboxOptions } from '../../options.js';
import type { SandboxRequest, SandboxResponse } from '../../service.js';
import type { LambdaInvoker } from '../lambda/lambda.js';
import type { MethodRecord, ResourceRecord } from './model.js';
import { proxyEventV1, proxyResponseV1 } from './proxy-v1.js';
import type { ApiGatewayState } from './state.js';

const json = (status: number, body: unknown): SandboxResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const missingToken = () => json(403, { message: 'Missing Authentication Token' });
const internalError = () => json(502, { message: 'Internal server error' });

/** The resource whose path matches, with its path parameters: static parts first, then `{param}`, then `{proxy+}`. */
export function matchResource(
  resources: readonly ResourceRecord[],
  path: string,
): { resource: ResourceRecord; params: Record<string, string> } | undefined {
  const segments = path.split('/').filter(Boolean);
  let best: { resource: ResourceRecord; params: Record<string, string>; score: number } | undefined;
  for (const resource of resources) {
    const parts = resource.path.split('/').filter(Boolean);
    const params: Record<string, string> = {};
    let score = 0;
    let matched = true;
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      const greedy = /^\{(.+)\+\}$/.exec(part);
      if (greedy) {
        if (index >= segments.length) matched = false;
        else params[greedy[1]!] = segments.slice(index).join('/');
        score += 1;
        break;
      }
      const segment = segments[index];
      if (segment === undefined) {
        matched = false;
        break;
      }
      const param = /^\{(.+)\}$/.exec(part);
      if (param) {
        params[param[1]!] = decodeURIComponent(segment);
        score += 10;
      } else if (part === segment) score += 100;
      else {
        matched = false;
        break;
      }
    }
    const greedyPart = parts.some((part) => part.endsWith('+}'));
    if (!matched || (!greedyPart && parts.length !== segments.length)) continue;
    if (!best || score > best.score) best = { resource, params, score };
  }
  return best;
}

/** `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function arn>/invocations` → the function ARN. */
export function functionArnOf(uri: string, variables: Record<string, string>): string | undefined {
  const substituted = uri.replace(
    /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g,
    (_, name: string) => variables[name] ?? '',
  );
  return /:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/.exec(substituted)?.[1];
}

/**
 * Serves `/_omnix/apigateway/<api id>/<stage>/<path>` like the stage's invoke URL: the request becomes
 * a proxy event (payload 1.0) for the function its method integrates with, through the deployment
 * the stage points to; the function's answer becomes the HTTP response.
 */
export function createApiGatewayServer(
  state: ApiGatewayState,
  invoke: LambdaInvoker,
  options: ResolvedSandboxOptions,
) {
  return async (request: SandboxRequest, rest: string): Promise<SandboxResponse> => {
    const [apiId, stageName, ...pathParts] = rest.split('/');
    const api = state.apis.get(apiId ?? '');
    const stage = api?.stages[stageName ?? ''];
    const deployment = api?.deployments.find((d) => d.id === stage?.deploymentId);
    if (!api || !stage || !deployment) return missingToken();
    const path = `/${pathParts.join('/')}`;
    const match = matchResource(deployment.resources, path);
    const method: MethodRecord | undefined =
      match && (match.resource.methods[request.method] ?? match.resource.methods.ANY);
    if (!match || !method) return missingToken();
    if (method.integration?.type !== 'AWS_PROXY')
      return json(500, {
        message: `The sandbox serves AWS_PROXY integrations only (this method has ${method.integration?.type ?? 'none'})`,
      });
    const functionArn = functionArnOf(method.integration.uri, stage.variables);
    if (!functionArn) return internalError();

    const event = proxyEventV1({
      request,
      resourcePath: match.resource.path,
      resourceId: match.resource.id,
      path,
      contextPath: `/${stage.stageName}${path}`,
      pathParameters: match.params,
      stage: stage.stageName,
      stageVariables: stage.variables,
      apiId: api.id,
      accountId: options.accountId,
    });

    let result: Awaited<ReturnType<LambdaInvoker>>;
    try {
      result = await invoke(functionArn, event);
    } catch {
      return internalError();
    }
    const response = result.functionError ? undefined : proxyResponseV1(result.payload);
    return response ?? internalError();
  };
}
