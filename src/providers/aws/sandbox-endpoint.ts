import { connectError } from './root-cause.js';

/** The path only an omnix sandbox answers with its marker (see src/sandbox/app.ts). */
const PROBE_PATH = '/_omnix/health';
export const SANDBOX_MARKER = 'omnix';

/** What an endpoint answered the probe: the sandbox, something else, or nothing at all (the connection's error). */
export type EndpointAnswer = { sandbox: boolean; unreachable?: unknown };

const answers = new Map<string, Promise<EndpointAnswer>>();

/**
 * Whether `endpoint` is an omnix sandbox: one GET of a path only the sandbox serves, asked once per
 * endpoint in a process. Empty (real AWS) is never asked; LocalStack, moto and anything unreachable
 * answer false.
 */
export async function isOmnixSandbox(endpoint: string | undefined): Promise<boolean> {
  return (await probeEndpoint(endpoint)).sandbox;
}

/** The probe's answer for `endpoint`, with the connection error when nothing answered at all. */
export function probeEndpoint(endpoint: string | undefined): Promise<EndpointAnswer> {
  if (!endpoint) return Promise.resolve({ sandbox: false });
  const base = endpoint.replace(/\/+$/, '');
  let answer = answers.get(base);
  if (!answer) {
    answer = probe(base);
    answers.set(base, answer);
  }
  return answer;
}

async function probe(base: string): Promise<EndpointAnswer> {
  try {
    // Generous: a sandbox on a busy machine is slow, and a false "no" would send users to real URLs.
    const response = await fetch(`${base}${PROBE_PATH}`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return { sandbox: false };
    const body = (await response.json()) as { sandbox?: unknown };
    return { sandbox: body.sandbox === SANDBOX_MARKER };
  } catch (error) {
    // Node's own error ("connect ECONNREFUSED 127.0.0.1:4599"), not fetch's wrapper ("fetch failed").
    const refused = connectError(error);
    return refused ? { sandbox: false, unreachable: refused } : { sandbox: false };
  }
}

/** The sandbox accepts any credentials; these are used when nothing else provides some. */
export const SANDBOX_CREDENTIALS = { accessKeyId: 'AKIAOMNIXSANDBOX', secretAccessKey: 'omnix-sandbox' };
