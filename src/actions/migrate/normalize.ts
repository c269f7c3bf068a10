import { environmentIn, environmentOfWord, guess } from './environments.js';
import { fitsKind, isCustomDomain, isLocalHost, literalParts, placeholderReason } from './patterns.js';
import type { EnvironmentGuess, FindingKind } from './types.js';

export type Normalized = { ok: true; kind: FindingKind; value: string } | { ok: false; reason?: string };

/** One value brought to the form it is reported in (a URL's host, a function ARN without its alias). */
export function normalizeValue(kind: FindingKind, raw: string): Normalized {
  let value = raw.trim().replace(/^["']|["']$/g, '');
  if (value === '') return { ok: false };
  switch (kind) {
    case 'bucket':
      value = value.replace(/^s3:\/\//, '').replace(/\/.*$/, '');
      break;
    case 'function-name':
    case 'function-arn':
    case 'arn': {
      const lambda = /^(arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:[^:]+)/.exec(value);
      if (lambda) return check('function-arn', lambda[1]!);
      if (value.startsWith('arn:')) return check('arn', value);
      if (kind !== 'function-name') return { ok: false };
      value = value.replace(/:[A-Za-z0-9$_-]+$/, '');
      break;
    }
    case 'domain': {
      if (/\.execute-api\./.test(value)) return check('api-url', value.replace(/\/+$/, ''));
      // postgres://, redis://, amqp://: a database or broker, not where the app is served.
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^https?:\/\//i.test(value)) return { ok: false };
      const host = value
        .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
        .replace(/[/?#].*$/, '')
        .replace(/:\d+$/, '');
      if (isLocalHost(host)) return { ok: false, reason: 'a local address' };
      const website = /^(.+)\.s3-website[.-][a-z0-9-]+\.amazonaws\.com$/.exec(host);
      if (website) return check('bucket', website[1]!);
      if (!isCustomDomain(host)) return { ok: false };
      value = host.toLowerCase();
      break;
    }
    case 'api-url':
      value = value.replace(/\/+$/, '');
      break;
    case 'stage':
      value = value.replace(/^\//, '');
      break;
    default:
      break;
  }
  return check(kind, value);
}

function check(kind: FindingKind, value: string): Normalized {
  if (!fitsKind(kind, value)) return { ok: false };
  const placeholder = placeholderReason(value);
  if (placeholder) return { ok: false, reason: placeholder };
  return { ok: true, kind, value };
}

/**
 * The environment of a value: where the code put it (a branch, a job), else what its variable's
 * name says, else what the file's name says, else what the value itself names.
 */
export function inferEnvironment(
  kind: FindingKind,
  value: string,
  structural: EnvironmentGuess | undefined,
  variable: string | undefined,
  fileEnv: EnvironmentGuess | undefined,
): EnvironmentGuess | null {
  if (structural) return structural;
  const byVariable = variable ? environmentIn(variable, true) : undefined;
  if (byVariable && variable) return guess(byVariable, `variable name ${variable}`);
  if (fileEnv) return fileEnv;
  const literal = literalParts(value);
  const byValue = kind === 'stage' ? environmentOfWord(literal) : environmentIn(literal, true);
  return byValue ? guess(byValue, `the value names ${byValue}`) : null;
}
