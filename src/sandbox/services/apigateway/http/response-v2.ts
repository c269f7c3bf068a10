import type { SandboxResponse } from '../../../service.js';

/**
 * A function's answer under payload format 2.0. An object with `statusCode` is the response
 * (`headers`, `cookies` as Set-Cookie headers, `body`, `isBase64Encoded`); anything else is
 * answered 200 with `content-type: application/json` and the result as JSON, as API Gateway assumes.
 * Undefined when an object with `statusCode` is malformed (API Gateway answers 500 then).
 */
export function proxyResponseV2(payload: unknown): SandboxResponse | undefined {
  if (typeof payload !== 'object' || payload === null || !('statusCode' in payload))
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
  const answer = payload as {
    statusCode: unknown;
    headers?: unknown;
    cookies?: unknown;
    body?: unknown;
    isBase64Encoded?: unknown;
  };
  const status = answer.statusCode;
  if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599) return undefined;
  if (answer.body !== undefined && answer.body !== null && typeof answer.body !== 'string') return undefined;
  if (answer.headers !== undefined && (typeof answer.headers !== 'object' || answer.headers === null))
    return undefined;
  if (answer.cookies !== undefined && !Array.isArray(answer.cookies)) return undefined;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries((answer.headers as Record<string, unknown> | undefined) ?? {}))
    headers[name.toLowerCase()] = String(value);
  const body = typeof answer.body === 'string' ? answer.body : '';
  return {
    status: status as number,
    headers,
    repeatedHeaders: ((answer.cookies as unknown[] | undefined) ?? []).map((c) => ['set-cookie', String(c)]),
    body: answer.isBase64Encoded === true ? Buffer.from(body, 'base64') : body,
  };
}
