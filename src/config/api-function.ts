import type { OmnixConfig } from './schema.js';

/** The function behind the API: `backend.api.function`, else the one keyed `api`, else the only one. */
export function apiFunctionKey(backend: NonNullable<OmnixConfig['backend']>): string | undefined {
  const keys = Object.keys(backend.functions);
  return backend.api?.function ?? (keys.includes('api') ? 'api' : keys.length === 1 ? keys[0] : undefined);
}
