import type { ConfigPath } from './paths.js';
import type { JsonSchema } from './schema.js';
import { knownKeys, schemaNodesAt } from './schema-nav.js';

/** Text that names a secret wherever it appears in a name: `dbPassword`, `GITHUB_TOKEN`, `clientSecret`. */
const SECRET_PARTS = [
  'secret',
  'password',
  'passwd',
  'passphrase',
  'token',
  'credential',
  'apikey',
  'privatekey',
];

/**
 * Whole words that name a secret: `AUTH_HEADER`, `Authorization`, `PRIVATE_PEM`, `DB_PWD`. Whole words
 * only, so `author` and `authority` stay plain.
 */
const SECRET_WORDS = new Set(['auth', 'authorization', 'private', 'pwd', 'cookie']);

/**
 * `key` names a secret when it ends the name (`API_KEY`, `signingKey`, `STRIPE_KEYS`), not when it
 * starts a longer one (`keyPrefix`, `KEY_ID`), which names something about keys.
 */
const SECRET_LAST_WORDS = new Set(['key', 'keys']);

/** The shell's working folders: `PWD` alone is a path, not a password. */
const PLAIN_NAMES = new Set(['PWD', 'OLDPWD']);

/** `apiKey` → [api, key]; `DB_PASSWORD` → [db, password]; `x-auth-token` → [x, auth, token]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** True when a key or variable name says its value is a secret. */
export function soundsSecret(name: string): boolean {
  if (PLAIN_NAMES.has(name)) return false;
  const words = nameWords(name);
  const joined = words.join('');
  if (SECRET_PARTS.some((part) => joined.includes(part))) return true;
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  return SECRET_LAST_WORDS.has(words.at(-1) ?? '');
}

export interface SecretNameContext {
  /** Names declared plain by the configuration's `notSecret`. */
  notSecret: ReadonlySet<string>;
  schema: JsonSchema;
  data: unknown;
}

/**
 * True when the name of the value (its own key: a variable, header or secret name) says it is
 * secret, unless it is listed in `notSecret`. Only the value's own key counts, so the settings of a
 * function keyed `auth` stay plain. Keys of the schema itself (`signingSecret`, `notSecret`) are left
 * to the schema, which marks its secrets.
 */
export function isSecretName(path: ConfigPath, context: SecretNameContext): boolean {
  const index = path.findLastIndex((segment) => typeof segment === 'string');
  const name = path[index];
  return (
    typeof name === 'string' &&
    !context.notSecret.has(name) &&
    soundsSecret(name) &&
    !knownKeys(schemaNodesAt(context.schema, path.slice(0, index), context.data)).includes(name)
  );
}
