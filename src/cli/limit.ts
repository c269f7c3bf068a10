import { UsageError } from '../core/errors.js';

/** `--limit N`: a whole number of at least 1; `fallback` when the option is not given. */
export function parseLimit(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError('InvalidLimit', `--limit takes a whole number of at least 1, not '${text}'`);
  return limit;
}
