import type { SandboxRequest } from '../../../service.js';
import { headersAndCookies, isTextBody, queryParameters } from './request-parts.js';

/** Where a request went: the API, stage and route that serve it. */
export interface EventTarget {
  apiId: string;
  accountId: string;
  stage: string;
  stageVariables: Record<string, string>;
  routeKey: string;
  pathParameters: Record<string, string>;
  /** The request path with the stage in front when the stage is named (as AWS sends rawPath). */
  rawPath: string;
  requestId: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, the CLF time of requestContext.time. */
export function clfTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

/** The host name, without a port: what `domainName` is; its first label is `domainPrefix`. */
const domainOf = (host: string) => host.replace(/:\d+$/, '');

/**
 * The Lambda event in payload format 2.0. Empty parts (cookies, query, path parameters, stage
 * variables, body) are left out, as AWS leaves them out.
 */
export function proxyEventV2(request: SandboxRequest, target: EventTarget): Record<string, unknown> {
  const { headers, cookies } = headersAndCookies(request);
  const query = queryParameters(request);
  const now = new Date();
  const domainName = domainOf(request.host);
  const text = isTextBody(request.headers.get('content-type'));
  const some = (value: object) => Object.keys(value).length > 0;
  return {
    version: '2.0',
    routeKey: target.routeKey,
    rawPath: target.rawPath,
    rawQueryString: request.rawQueryString ?? request.query.toString(),
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(some(query) ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: target.accountId,
      apiId: target.apiId,
      domainName,
      domainPrefix: domainName.split('.')[0],
      http: {
        method: request.method,
        path: target.rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: target.requestId,
      routeKey: target.routeKey,
      stage: target.stage,
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    ...(request.body.length > 0
      ? { body: text ? request.body.toString('utf8') : request.body.toString('base64') }
      : {}),
    ...(some(target.pathParameters) ? { pathParameters: target.pathParameters } : {}),
    isBase64Encoded: request.body.length > 0 && !text,
    ...(some(target.stageVariables) ? { stageVariables: target.stageVariables } : {}),
  };
}
