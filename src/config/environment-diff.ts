import { REDACTED } from '../core/redact.js';
import type { LoadedConfig } from './load.js';
import { type LeafDifference, leafDifferences } from './paths.js';

/** Every leaf whose value differs between two environments; secrets compare by value but show as ***. */
export function environmentDifferences(left: LoadedConfig, right: LoadedConfig): LeafDifference[] {
  const secret = (path: string) => left.secretPaths.has(path) || right.secretPaths.has(path);
  return leafDifferences(left.config, right.config).map((difference) =>
    secret(difference.path)
      ? {
          path: difference.path,
          ...('a' in difference ? { a: REDACTED } : {}),
          ...('b' in difference ? { b: REDACTED } : {}),
        }
      : difference,
  );
}
