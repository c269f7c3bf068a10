import type { OmnixConfig } from '../config/schema.js';

type HttpCheck = Extract<OmnixConfig['health']['checks'][number], { type: 'http' }>;
export type HttpRequestSpec = Pick<HttpCheck, 'url' | 'method' | 'headers' | 'body' | 'expect'>;

/** One response, read whole, with the time it took to arrive. */
export interface ProbeResponse {
  status: number;
  headers: Headers;
  body: string;
  ms: number;
}

/** Sends one request; a network failure or the signal's abort is an error naming the URL. */
export async function probe(
  spec: Pick<HttpRequestSpec, 'url' | 'method' | 'headers' | 'body'>,
  signal: AbortSignal,
): Promise<ProbeResponse> {
  const started = performance.now();
  try {
    const response = await fetch(spec.url, {
      method: spec.method,
      headers: Object.fromEntries(Object.entries(spec.headers).map(([name, value]) => [name, String(value)])),
      ...(spec.body !== undefined ? { body: spec.body } : {}),
      redirect: 'follow',
      signal,
    });
    const body = await response.text();
    return { status: response.status, headers: response.headers, body, ms: performance.now() - started };
  } catch (error) {
    const reason = signal.aborted
      ? 'no answer in time'
      : ((error as { cause?: { code?: string; message?: string } }).cause?.code ?? (error as Error).message);
    throw new Error(`${spec.method} ${spec.url}: ${reason}`, { cause: error });
  }
}

/** Every way the response differs from the expectation; empty when it meets it. */
export function unmet(expect: HttpRequestSpec['expect'], response: ProbeResponse): string[] {
  const problems: string[] = [];
  if (response.status !== expect.status)
    problems.push(`status ${response.status}, expected ${expect.status}${excerpt(response.body)}`);
  if (expect.bodyContains !== undefined && !response.body.includes(expect.bodyContains))
    problems.push(`the body does not contain "${expect.bodyContains}"`);
  if (expect.jsonPath) {
    const { path, equals } = expect.jsonPath;
    let found: unknown;
    try {
      found = valueAt(JSON.parse(response.body), path);
    } catch {
      problems.push(`the body is not JSON, so ${path} cannot be read`);
      found = Symbol.for('unreadable');
    }
    if (found !== Symbol.for('unreadable') && found !== equals)
      problems.push(`${path} is ${JSON.stringify(found) ?? 'missing'}, expected ${JSON.stringify(equals)}`);
  }
  for (const [name, value] of Object.entries(expect.headers ?? {})) {
    const actual = response.headers.get(name);
    if (actual !== value)
      problems.push(`header ${name} is ${actual === null ? 'missing' : `"${actual}"`}, expected "${value}"`);
  }
  return problems;
}

/** `checks.0.ok` → value; undefined when any step is missing. */
export function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

function excerpt(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text ? ` (body: ${text.length > 120 ? `${text.slice(0, 117)}...` : text})` : '';
}
