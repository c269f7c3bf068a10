import { REDACTED } from '../core/redact.js';
import { looksSecret } from './looks-secret.js';
import { formatPath, leaves, type PathSegment, setAt } from './paths.js';
import type { JsonSchema } from './schema.js';
import { isSecretPath } from './schema-nav.js';
import { isSecretName } from './secret-names.js';

/**
 * formatPath of every leaf that must show as `***`: secret by schema, by name (`API_TOKEN`), by value
 * (a `ghp_` token, a URL with a password: the whole value), or tainted by a secret source (`${ssm:}`,
 * `${env:DB_PASSWORD}`, a `${self:}` copy of a secret).
 */
export function findSecretPaths(
  config: unknown,
  schema: JsonSchema,
  tainted: ReadonlySet<string>,
  notSecret: ReadonlySet<string>,
): Set<string> {
  const secret = new Set<string>();
  for (const [path, value] of leaves(config)) {
    if (
      (typeof value === 'string' && looksSecret(value)) ||
      isSecretPath(schema, path, config) ||
      isTainted(path, tainted) ||
      isSecretName(path, { notSecret, schema, data: config })
    )
      secret.add(formatPath(path));
  }
  return secret;
}

function isTainted(path: PathSegment[], tainted: ReadonlySet<string>): boolean {
  for (let length = path.length; length >= 1; length--) {
    if (tainted.has(formatPath(path.slice(0, length)))) return true;
  }
  return false;
}

/** A deep copy with every secret leaf replaced by `***` (empty values stay empty). */
export function redactConfig<T>(config: T, secretPaths: ReadonlySet<string>): T {
  const copy = structuredClone(config) as Record<string, unknown>;
  for (const [path, value] of leaves(copy)) {
    if (secretPaths.has(formatPath(path)) && value !== '' && value !== undefined && value !== null)
      setAt(copy, path, REDACTED);
  }
  return copy as T;
}

/** The names the configuration declares plain although they sound secret (`notSecret`). */
export function notSecretNames(tree: unknown): Set<string> {
  const listed = (tree as { notSecret?: unknown } | undefined)?.notSecret;
  return new Set(
    Array.isArray(listed) ? listed.filter((name): name is string => typeof name === 'string') : [],
  );
}
