import type { AwsClients } from '../providers/aws/clients.js';
import type { LoadedConfig } from './load.js';
import { referenceReadersOf, resolveDeployTimeReferences } from './resolve-deploy-time.js';
import { hideSecretValues, secretValues } from './secret-values.js';

/**
 * Hides the environment's secret values in text omnix did not write, those still behind `${ssm:}`
 * included (`omnix health` and `rollback` do not resolve them otherwise). When they cannot be read,
 * the values already known are hidden.
 */
export async function secretHider(
  loaded: LoadedConfig,
  clients: AwsClients,
): Promise<(text: string) => string> {
  const resolved =
    loaded.pending.size === 0
      ? loaded
      : await resolveDeployTimeReferences(loaded, referenceReadersOf(clients)).then(
          (result) => (result.ok ? result : loaded),
          () => loaded,
        );
  const values = secretValues(resolved.config, resolved.secretPaths);
  return (text) => hideSecretValues(text, values);
}

/**
 * Hides secret values in an error's message and its causes', in place, so the record, the rollback
 * and the CLI all see them hidden: AWS quotes what it was sent (Lambda's "String measured: {...}").
 */
export function hideSecretsInError(error: unknown, hide: (text: string) => string): void {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    current.message = hide(current.message);
  }
}
