const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The longest duration accepted anywhere: a week, well inside what a timer can wait (about 24.8 days). */
export const MAX_DURATION_MS = 7 * 24 * 3_600_000;

export type DurationReading = { ok: true; ms: number } | { ok: false; reason: 'malformed' | 'too-long' };

/** `500ms`, `30s`, `10m`, `1h` (or a bare number of seconds) → milliseconds, up to a week. */
export function readDuration(text: string): DurationReading {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return { ok: false, reason: 'malformed' };
  const ms = Math.round(Number(match[1]) * UNITS[match[2] ?? 's']!);
  return ms <= MAX_DURATION_MS ? { ok: true, ms } : { ok: false, reason: 'too-long' };
}

/** Like `readDuration`; undefined when malformed or longer than a week. */
export function parseDuration(text: string): number | undefined {
  const reading = readDuration(text);
  return reading.ok ? reading.ms : undefined;
}
