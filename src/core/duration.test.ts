import { describe, expect, it } from 'vitest';
import { MAX_DURATION_MS, parseDuration, readDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads milliseconds, seconds, minutes, hours and bare seconds', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('45')).toBe(45_000);
  });

  it('refuses what is not a duration', () => {
    for (const text of ['', 'ten minutes', '-5s', '5d', 's']) expect(parseDuration(text)).toBeUndefined();
  });

  it('refuses durations longer than a week instead of overflowing a timer (issue 15, defect 11)', () => {
    expect(parseDuration('168h')).toBe(MAX_DURATION_MS);
    expect(readDuration('169h')).toEqual({ ok: false, reason: 'too-long' });
    expect(readDuration('99999999999999999999h')).toEqual({ ok: false, reason: 'too-long' });
  });
});
