import type { SandboxRequest } from '../../../service.js';

/** Header names and values as sent: Node's raw pairs when known, else the joined Headers. */
function headerPairs(request: SandboxRequest): Array<[string, string]> {
  const raw = request.rawHeaders;
  if (!raw) return [...request.headers.entries()];
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!.toLowerCase(), raw[i + 1]!]);
  return pairs;
}

/**
 * Headers as payload 2.0 carries them: lower-cased names, repeated values joined by commas, and the
 * Cookie header taken out into `cookies` (one entry per cookie).
 */
export function headersAndCookies(request: SandboxRequest): {
  headers: Record<string, string>;
  cookies: string[];
} {
  const headers = new Map<string, string[]>();
  const cookies: string[] = [];
  for (const [name, value] of headerPairs(request)) {
    if (name === 'cookie') {
      for (const cookie of value.split(';')) if (cookie.trim() !== '') cookies.push(cookie.trim());
      continue;
    }
    headers.set(name, [...(headers.get(name) ?? []), value]);
  }
  return {
    headers: Object.fromEntries([...headers].map(([name, values]) => [name, values.join(',')])),
    cookies,
  };
}

/** Query parameters, decoded, repeated values joined by commas. */
export function queryParameters(request: SandboxRequest): Record<string, string> {
  const query = new Map<string, string[]>();
  for (const [name, value] of request.query) query.set(name, [...(query.get(name) ?? []), value]);
  return Object.fromEntries([...query].map(([name, values]) => [name, values.join(',')]));
}

const TEXT_TYPES = new Set(['application/json', 'application/xml', 'application/javascript']);

/**
 * Whether HTTP APIs pass the body as text: only for `text/*`, JSON, XML and JavaScript content
 * types; any other body (no content type included) arrives base64-encoded.
 */
export function isTextBody(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type.startsWith('text/') || TEXT_TYPES.has(type);
}
