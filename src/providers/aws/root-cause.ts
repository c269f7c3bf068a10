import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Why every AWS call fails, said once with its fix; `marker` is text each failure caused by it contains. */
export interface RootCause {
  code: 'EndpointUnreachable' | 'NoCredentials' | 'ProfileNotFound';
  message: string;
  hint: string;
  marker: string;
}

/** Node's errors for a connection that could not be made at all (nothing was sent). */
export const CONNECT_ERRORS = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

interface NodeNetError {
  code?: string;
  address?: string;
  port?: number;
  hostname?: string;
  cause?: unknown;
}

/** The first of `error` and its causes that `matches`. */
function inChain(error: unknown, matches: (link: object) => boolean): NodeNetError | undefined {
  let current = error as NodeNetError | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    if (matches(current)) return current;
    current = current.cause as NodeNetError | undefined;
  }
  return undefined;
}

/** The connection error in `error` or its causes, if it is one. */
export const connectError = (error: unknown): NodeNetError | undefined =>
  inChain(error, (link) => CONNECT_ERRORS.has((link as NodeNetError).code ?? ''));

const LOOPBACK = /^(127\.|::1$|localhost$)/;

/** A connection refused on this machine: nothing listens there, and asking again soon will not change that. */
export function refusedOnLoopback(error: unknown): boolean {
  const net = connectError(error);
  return net?.code === 'ECONNREFUSED' && LOOPBACK.test(net.address ?? net.hostname ?? '');
}

/** An endpoint nobody answers at: on loopback that is a sandbox not running. */
export function unreachableCause(error: unknown): RootCause | undefined {
  const net = connectError(error);
  if (!net?.code) return undefined;
  const host = net.address ?? net.hostname ?? 'the AWS endpoint';
  const where = net.port ? `${host.includes(':') ? `[${host}]` : host}:${net.port}` : host;
  if (LOOPBACK.test(host))
    return {
      code: 'EndpointUnreachable',
      message: `no sandbox answers at http://${where} (${net.code})`,
      hint: 'Start it with `omnix sandbox start --detach`, or fix aws.endpoint.',
      marker: net.code,
    };
  return {
    code: 'EndpointUnreachable',
    message: `cannot reach ${where} (${net.code})`,
    hint: 'Check the network connection, a proxy, or aws.endpoint.',
    marker: net.code,
  };
}

const NO_CREDENTIALS = 'Could not load credentials';

/**
 * Credentials the SDK could not load: a named profile that is in neither shared file, or none at all.
 * The SDK's own message names neither.
 */
export function credentialsCause(
  error: unknown,
  { profile, env }: { profile?: string | undefined; env: Readonly<Record<string, string | undefined>> },
): RootCause | undefined {
  if (!inChain(error, (link) => (link as { name?: string }).name === 'CredentialsProviderError'))
    return undefined;
  const named = profile ?? env.AWS_PROFILE;
  const configFile = env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config');
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE ?? join(homedir(), '.aws', 'credentials');
  if (named && !hasProfile(configFile, named, true) && !hasProfile(credentialsFile, named, false))
    return {
      code: 'ProfileNotFound',
      message: `profile ${named} not found in ${configFile} or ${credentialsFile}`,
      hint: `Add it (aws configure --profile ${named}, or aws configure sso), or set aws.profile / AWS_PROFILE to a profile that exists.`,
      marker: NO_CREDENTIALS,
    };
  return {
    code: 'NoCredentials',
    message: named ? `no AWS credentials could be loaded for profile ${named}` : 'no AWS credentials found',
    hint: named
      ? `Log in again (aws sso login --profile ${named}) or fix the profile in ${configFile}.`
      : 'Set AWS_PROFILE (or aws.profile) to a profile in ~/.aws/config, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
    marker: NO_CREDENTIALS,
  };
}

/** Whether a shared config file has the profile: `[profile name]` in the config file (or `[default]`), `[name]` in credentials. */
function hasProfile(file: string, name: string, isConfig: boolean): boolean {
  if (!existsSync(file)) return false;
  const wanted = isConfig && name !== 'default' ? `profile ${name}` : name;
  return readFileSync(file, 'utf8')
    .split('\n')
    .some((line) => line.trim().replace(/^\[\s*|\s*\]$/g, '') === wanted && line.trim().startsWith('['));
}
