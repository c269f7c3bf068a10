import { isPlainObject } from './paths.js';

/** Deep merge for maps; anything else in `over` (lists included) replaces what `base` had. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return structuredClone(over);
  const merged: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(over)) {
    merged[key] = Object.hasOwn(merged, key) ? deepMerge(merged[key], value) : structuredClone(value);
  }
  return merged;
}
