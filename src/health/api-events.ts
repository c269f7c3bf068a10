import { randomUUID } from 'node:crypto';
import { parseRouteKey } from '../config/api-routes.js';

/** A request a health check makes, as a canary replays it to a function version directly. */
export interface ApiRequest {
  method: string;
  headers: Record<string, unknown>;
  body?: string | undefined;
}

/** The route that serves the request (`/{proxy+}` behind everything when omnix does not own the routes). */
export interface ServedRoute {
  key: string;
}

/** Path parameters a route key takes from a path (a greedy variable takes the rest). */
export function pathParameters(routeKey: string, path: string): Record<string, string> {
  const parsed = parseRouteKey(routeKey);
  if (!parsed.ok || parsed.route.kind === 'default') return {};
  const parts = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (const [index, segment] of parsed.route.segments.entries()) {
    if (segment.kind === 'greedy') params[segment.name] = parts.slice(index).join('/');
    else if (segment.kind === 'variable') params[segment.name] = parts[index] ?? '';
  }
  return params;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (value: number) => String(value).padStart(2, '0');

/** `07/Dec/2026:18:06:53 +0000`: how payload 2.0 gives the request's time. */
const requestTime = (date: Date) =>
  `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;

const textHeaders = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));

/** The event a REST API's Lambda proxy integration (payload format 1.0) sends for this request. */
export function proxyEventV1(request: ApiRequest, pathAndQuery: string, stage: string, route: ServedRoute) {
  const url = new URL(pathAndQuery, 'http://api');
  const headers = textHeaders(request.headers);
  const query = Object.fromEntries(url.searchParams);
  const hasQuery = Object.keys(query).length > 0;
  const resource = route.key.slice(route.key.indexOf(' ') + 1);
  const params = pathParameters(route.key, url.pathname);
  return {
    resource,
    path: url.pathname,
    httpMethod: request.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery
      ? Object.fromEntries([...url.searchParams.keys()].map((name) => [name, url.searchParams.getAll(name)]))
      : null,
    pathParameters: Object.keys(params).length > 0 ? params : null,
    stageVariables: null,
    requestContext: {
      resourcePath: resource,
      httpMethod: request.method,
      path: `/${stage}${url.pathname}`,
      stage,
      requestId: randomUUID(),
      identity: { sourceIp: '127.0.0.1', userAgent: 'omnix-canary' },
    },
    body: request.body ?? null,
    isBase64Encoded: false,
  };
}

/** The event an HTTP API's Lambda integration (payload format 2.0) sends for this request. */
export function proxyEventV2(
  request: ApiRequest,
  pathAndQuery: string,
  stage: string,
  route: ServedRoute,
  apiUrl: string,
) {
  const url = new URL(pathAndQuery, 'http://api');
  const { cookie, ...rest } = Object.fromEntries(
    Object.entries(textHeaders(request.headers)).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const rawPath = `${stage === '$default' ? '' : `/${stage}`}${url.pathname}`;
  const query: Record<string, string> = {};
  for (const name of new Set(url.searchParams.keys())) query[name] = url.searchParams.getAll(name).join(',');
  const params = pathParameters(route.key, url.pathname);
  const domainName = new URL(apiUrl).hostname;
  const now = new Date();
  return {
    version: '2.0',
    routeKey: route.key,
    rawPath,
    rawQueryString: url.search.slice(1),
    ...(cookie
      ? {
          cookies: cookie
            .split(';')
            .map((part) => part.trim())
            .filter(Boolean),
        }
      : {}),
    headers: { 'user-agent': 'omnix-canary', ...rest },
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    requestContext: {
      apiId: domainName.split('.')[0],
      domainName,
      domainPrefix: domainName.split('.')[0],
      http: {
        method: request.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'omnix-canary',
      },
      requestId: randomUUID(),
      routeKey: route.key,
      stage,
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(request.body ? { body: request.body } : {}),
    isBase64Encoded: false,
  };
}
