/** The path only an omnix sandbox answers with its marker (see src/sandbox/app.ts). */
const PROBE_PATH = '/_omnix/health';
export const SANDBOX_MARKER = 'omnix';

const answers = new Map<string, Promise<boolean>>();

/**
 * Whether `endpoint` is an omnix sandbox: one GET of a path only the sandbox serves, asked once per
 * endpoint in a process. Empty (real AWS) is never asked; LocalStack, moto and anything unreachable
 * answer false.
 */
export function isOmnixSandbox(endpoint: string | undefined): Promise<boolean> {
  if (!endpoint) return Promise.resolve(false);
  const base = endpoint.replace(/\/+$/, '');
  let answer = answers.get(base);
  if (!answer) {
    answer = probe(base);
    answers.set(base, answer);
  }
  return answer;
}

async function probe(base: string): Promise<boolean> {
  try {
    // Generous: a sandbox on a busy machine is slow, and a false "no" would send users to real URLs.
    const response = await fetch(`${base}${PROBE_PATH}`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return false;
    const body = (await response.json()) as { sandbox?: unknown };
    return body.sandbox === SANDBOX_MARKER;
  } catch {
    return false;
  }
}

/** The sandbox accepts any credentials; these are used when nothing else provides some. */
export const SANDBOX_CREDENTIALS = { accessKeyId: 'AKIAOMNIXSANDBOX', secretAccessKey: 'omnix-sandbox' };
