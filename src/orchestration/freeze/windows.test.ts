import { describe, expect, it } from 'vitest';
import { freezeSchema } from '../../config/schema/freeze.js';
import { activeFreeze } from './windows.js';

const freeze = (input: unknown) => freezeSchema.parse(input);

describe('freeze windows', () => {
  const weekend = freeze({
    timeZone: 'Europe/Berlin',
    weekly: [{ from: 'fri 16:00', to: 'mon 08:00', reason: 'no weekend deploys' }],
  });

  it('a weekly window that runs over the weekend holds from Friday afternoon to Monday morning, local time', () => {
    // Friday 2026-12-04 15:30 UTC is 16:30 in Berlin (CET, UTC+1).
    expect(activeFreeze(weekend, new Date('2026-12-04T15:30:00Z'))).toEqual({
      reason: 'no weekend deploys',
      window: 'every fri 16:00 – mon 08:00 Europe/Berlin',
    });
    expect(activeFreeze(weekend, new Date('2026-12-04T14:30:00Z'))).toBeUndefined(); // 15:30 Berlin
    expect(activeFreeze(weekend, new Date('2026-12-06T12:00:00Z'))).toBeDefined(); // Sunday
    expect(activeFreeze(weekend, new Date('2026-12-07T06:59:00Z'))).toBeDefined(); // Monday 07:59 Berlin
    expect(activeFreeze(weekend, new Date('2026-12-07T07:00:00Z'))).toBeUndefined(); // Monday 08:00 Berlin
    // Summer time (CEST, UTC+2): the window follows the local clock.
    expect(activeFreeze(weekend, new Date('2026-07-03T14:30:00Z'))).toBeDefined(); // Friday 16:30 CEST
  });

  it('a one-off window of dates covers its last day to the end; one of moments ends at its moment', () => {
    const holidays = freeze({
      timeZone: 'America/New_York',
      dates: [
        { from: '2026-12-24', to: '2026-12-26', reason: 'holidays' },
        { from: '2027-01-15T18:00', to: '2027-01-16T06:00', reason: 'migration' },
      ],
    });
    expect(activeFreeze(holidays, new Date('2026-12-24T05:00:00Z'))?.reason).toBe('holidays'); // 00:00 New York
    expect(activeFreeze(holidays, new Date('2026-12-27T04:59:00Z'))?.reason).toBe('holidays'); // 26th, 23:59
    expect(activeFreeze(holidays, new Date('2026-12-27T05:00:00Z'))).toBeUndefined();
    expect(activeFreeze(holidays, new Date('2027-01-15T23:30:00Z'))?.reason).toBe('migration');
    expect(activeFreeze(holidays, new Date('2027-01-16T11:00:00Z'))).toBeUndefined(); // 06:00 New York
  });

  it('refuses windows that do not parse: unknown days, times, zones, and an end before the start', () => {
    for (const bad of [
      { weekly: [{ from: 'friday 16:00', to: 'mon 08:00', reason: 'x' }] },
      { weekly: [{ from: 'fri 24:00', to: 'mon 08:00', reason: 'x' }] },
      { timeZone: 'Mars/Olympus', weekly: [] },
      { dates: [{ from: '2026-12-26', to: '2026-12-24', reason: 'x' }] },
      { dates: [{ from: '2026-13-01', to: '2026-12-24', reason: 'x' }] },
      { dates: [{ from: '2026-12-24', to: '2026-12-26' }] },
    ])
      expect(freezeSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});
