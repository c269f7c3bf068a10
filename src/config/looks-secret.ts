import { SECRET_PATTERNS } from '../core/secrets/patterns.js';

/** AWS's documented example credentials (AKIAIOSFODNN7EXAMPLE) are not secrets, as for the file scanner. */
const EXAMPLE = /EXAMPLE/;

/** A URL that carries a password: `postgres://app:hunter2@db/shop`, `https://user:pass@host`. */
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i;

/**
 * True when a value looks like a credential whatever its name: a token the secrets scanner blocks in
 * uploaded files (AWS keys, GitHub, Slack, Stripe tokens, private keys), or a URL with a password.
 */
export function looksSecret(value: string): boolean {
  if (URL_WITH_PASSWORD.test(value)) return true;
  return SECRET_PATTERNS.some(({ pattern }) =>
    [...value.matchAll(pattern)].some((match) => !EXAMPLE.test(match[0])),
  );
}
