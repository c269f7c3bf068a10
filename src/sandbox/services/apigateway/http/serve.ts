import { randomUUID } from 'node:crypto';
import type { ResolvedSandboxOptions } from '../../../options.js';
import type { SandboxRequest, SandboxResponse } from '../../../service.js';
import type { LambdaInvoker } from '../../lambda/lambda.js';
import { proxyEventV1, proxyResponseV1 } from '../proxy-v1.js';
import { functionArnOf } from '../serve.js';
import { proxyEventV2 } from './event-v2.js';
import { matchRoute } from './match.js';
import type { HttpApiRecord, HttpIntegrationRecord, HttpStageRecord } from './model.js';
import { proxyResponseV2 } from './response-v2.js';
import { safeHeaders } from './safe-headers.js';

const message = (status: number, text: string): SandboxResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: text }),
});
const notFound = () => message(404, 'Not Found');
const internalError = () => message(500, 'Internal Server Error');

const decodeSegment = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/**
 * The stage a request goes to, as API Gateway picks it: the named stage its first path segment
 * names, else `$default` with the whole path. Returns the path the routes see.
 */
function selectStage(
  api: HttpApiRecord,
  parts: string[],
): { stage: HttpStageRecord; path: string } | undefined {
  const first = parts[0] !== undefined ? decodeSegment(parts[0]) : undefined;
  if (first !== undefined && first !== '$default' && Object.hasOwn(api.stages, first))
    return { stage: api.stages[first]!, path: `/${parts.slice(1).join('/')}` };
  const stage = Object.hasOwn(api.stages, '$default') ? api.stages.$default : undefined;
  return stage ? { stage, path: `/${parts.join('/')}` } : undefined;
}

/** The function an integration invokes: a function ARN or the `…/invocations` URI, stage variables substituted. */
function functionOf(
  integration: HttpIntegrationRecord,
  variables: Record<string, string>,
): string | undefined {
  if (integration.integrationUri.includes(':lambda:path/'))
    return functionArnOf(integration.integrationUri, variables);
  return integration.integrationUri.replace(
    /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g,
    (_, name: string) => variables[name] ?? '',
  );
}

/** Runs the invocation, giving up after the integration's timeout (API Gateway then answers 503). */
async function invokeWithin(invoke: LambdaInvoker, arn: string, event: unknown, timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    return await Promise.race([invoke(arn, event), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Serves an HTTP API like its invoke URL (`https://<api id>.execute-api.<region>.amazonaws.com/`
 * for `$default`, `…/<stage>/` for a named stage): stage, then route, from the deployment the stage
 * points at; the integration's function gets a payload 2.0 (or 1.0) event.
 */
export function createHttpApiServer(
  apis: ReadonlyMap<string, HttpApiRecord>,
  invoke: LambdaInvoker,
  options: ResolvedSandboxOptions,
) {
  return async (request: SandboxRequest, rest: string): Promise<SandboxResponse> => {
    const [apiId, ...parts] = rest.split('/');
    const api = apis.get(apiId ?? '');
    if (!api) return notFound();
    if (api.disableExecuteApiEndpoint) return message(403, 'Forbidden');
    const selected = selectStage(
      api,
      parts.filter((part) => part !== ''),
    );
    const deployment = api.deployments.find((d) => d.deploymentId === selected?.stage.deploymentId);
    if (!selected || !deployment) return notFound();
    const { stage, path } = selected;
    const match = matchRoute(deployment.routes, request.method, path);
    const integrationId = match?.route.target?.replace(/^integrations\//, '');
    const integration = deployment.integrations.find((i) => i.integrationId === integrationId);
    if (!match || !integration) return notFound();
    const functionArn = functionOf(integration, stage.stageVariables);
    if (!functionArn) return internalError();

    const named = stage.stageName !== '$default';
    const rawPath = `${named ? `/${stage.stageName}` : ''}${path}`;
    const event =
      integration.payloadFormatVersion === '2.0'
        ? proxyEventV2(request, {
            apiId: api.apiId,
            accountId: options.accountId,
            stage: stage.stageName,
            stageVariables: stage.stageVariables,
            routeKey: match.route.routeKey,
            pathParameters: match.pathParameters,
            rawPath,
            requestId: randomUUID(),
          })
        : {
            version: '1.0',
            ...proxyEventV1({
              request,
              resourcePath: match.route.routeKey.replace(/^\S+ /, ''),
              resourceId: null,
              path: rawPath,
              contextPath: rawPath,
              pathParameters: match.pathParameters,
              stage: stage.stageName,
              stageVariables: stage.stageVariables,
              apiId: api.apiId,
              accountId: options.accountId,
              context: {
                domainName: request.host.replace(/:\d+$/, ''),
                domainPrefix: request.host.split('.')[0],
              },
            }),
          };
    let result: Awaited<ReturnType<typeof invokeWithin>>;
    try {
      result = await invokeWithin(invoke, functionArn, event, integration.timeoutInMillis);
    } catch {
      return internalError();
    }
    if (result === 'timeout') return message(503, 'Service Unavailable');
    if (result.functionError) return internalError();
    const response =
      integration.payloadFormatVersion === '2.0'
        ? proxyResponseV2(result.payload)
        : proxyResponseV1(result.payload);
    return response ? safeHeaders(response) : internalError();
  };
}
