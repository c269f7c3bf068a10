import { readDuration } from '../core/duration.js';
import { UsageError } from '../core/errors.js';

/** `--limit N`: a whole number of at least 1; `fallback` when the option is not given. */
export function parseLimit(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError('InvalidLimit', `--limit takes a whole number of at least 1, not '${text}'`);
  return limit;
}

/** A duration flag (`--wait-for-lock 30s`) in milliseconds; undefined when the flag is not given. */
export function checkWait(text: string | undefined, flag = '--wait-for-lock'): number | undefined {
  if (text === undefined) return undefined;
  const reading = readDuration(text);
  if (reading.ok) return reading.ms;
  throw new UsageError(
    'InvalidDuration',
    reading.reason === 'too-long'
      ? `${flag} waits at most a week (168h), not '${text}'`
      : `${flag} takes a duration such as 30s, 10m or 1h, not '${text}'`,
  );
}

/** `--override-freeze "<why>"`: the reason must say something. */
export function checkOverride(why: string | undefined): string | undefined {
  if (why === undefined || why.trim() !== '') return why;
  throw new UsageError('InvalidOverride', '--override-freeze needs a reason: --override-freeze "<why>"');
}

/** `--only frontend|backend`. */
export function checkOnly(only: string | undefined): 'frontend' | 'backend' | undefined {
  if (only === undefined || only === 'frontend' || only === 'backend') return only;
  throw new UsageError('InvalidOnly', `--only takes frontend or backend, not '${only}'`);
}
