import { randomUUID } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from '../../service.js';

/** What a payload 1.0 proxy event says about where a request went. */
export interface ProxyEventV1Input {
  request: SandboxRequest;
  /** The matched resource (REST) or route (HTTP API) path: `/{proxy+}`. */
  resourcePath: string;
  resourceId: string | null;
  /** The request path the function sees. */
  path: string;
  /** `requestContext.path`: the path with the stage in front where the invoke URL has it. */
  contextPath: string;
  pathParameters: Record<string, string>;
  stage: string;
  stageVariables: Record<string, string>;
  apiId: string;
  accountId: string;
  /** Fields an HTTP API adds to `requestContext` (domainName, domainPrefix). */
  context?: Record<string, unknown>;
}

const orNull = <T extends object>(value: T) => (Object.keys(value).length > 0 ? value : null);

/**
 * The Lambda proxy event in payload format 1.0 (REST APIs, and HTTP API integrations that ask for
 * 1.0): single and multi-value headers and query parameters, the body base64-encoded when it is not UTF-8.
 */
export function proxyEventV1(input: ProxyEventV1Input): Record<string, unknown> {
  const { request } = input;
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
    multiValueHeaders[name] = [value];
  });
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of request.query) {
    query[name] = value;
    multiQuery[name] = [...(multiQuery[name] ?? []), value];
  }
  const text = request.body.length > 0 ? request.body.toString('utf8') : null;
  const binary = text !== null && Buffer.from(text, 'utf8').length !== request.body.length;
  const now = new Date();
  return {
    resource: input.resourcePath,
    path: input.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: orNull(query),
    multiValueQueryStringParameters: orNull(multiQuery),
    pathParameters: orNull(input.pathParameters),
    stageVariables: orNull(input.stageVariables),
    requestContext: {
      resourceId: input.resourceId,
      resourcePath: input.resourcePath,
      httpMethod: request.method,
      path: input.contextPath,
      stage: input.stage,
      requestId: randomUUID(),
      accountId: input.accountId,
      apiId: input.apiId,
      protocol: 'HTTP/1.1',
      identity: { sourceIp: '127.0.0.1', userAgent: headers['user-agent'] ?? null },
      requestTime: now.toUTCString(),
      requestTimeEpoch: now.getTime(),
      ...input.context,
    },
    body: binary ? request.body.toString('base64') : text,
    isBase64Encoded: binary,
  };
}

/**
 * A function's payload 1.0 answer (`{ statusCode, headers, multiValueHeaders, body, isBase64Encoded }`)
 * as the HTTP response; undefined when it is not one (no integer statusCode), which API Gateway
 * answers with its own error.
 */
export function proxyResponseV1(payload: unknown): SandboxResponse | undefined {
  const answer = payload as {
    statusCode?: unknown;
    headers?: Record<string, unknown>;
    multiValueHeaders?: Record<string, unknown[]>;
    body?: unknown;
    isBase64Encoded?: boolean;
  } | null;
  if (!answer || typeof answer !== 'object' || !Number.isInteger(answer.statusCode)) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers ?? {})) out[name.toLowerCase()] = String(value);
  for (const [name, values] of Object.entries(answer.multiValueHeaders ?? {}))
    out[name.toLowerCase()] = values.map(String).join(', ');
  const body = answer.body === undefined || answer.body === null ? '' : String(answer.body);
  return {
    status: Number(answer.statusCode),
    headers: out,
    body: answer.isBase64Encoded ? Buffer.from(body, 'base64') : body,
  };
}
