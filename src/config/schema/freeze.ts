import { z } from 'zod';
import { text } from './common.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** `fri 16:00`: a day of the week and a time of day (24 h), in the freeze's time zone. */
export const WEEKLY_MOMENT = /^(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):([0-5]\d)$/;
/** `2026-12-24` (the whole day) or `2026-12-24T18:00`, in the freeze's time zone. */
export const LOCAL_MOMENT = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):([0-5]\d))?$/;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The date exists in the calendar (no 2026-02-30, no 2026-11-31). */
function isCalendarDate(moment: string): boolean {
  const [year, month, day] = moment.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const localMoment = (example: string) =>
  z
    .string()
    .regex(LOCAL_MOMENT, `expected a date such as ${example} or a time such as ${example}T18:00`)
    .refine(isCalendarDate, 'expected a date that exists in the calendar');

const reason = text.describe('Why deployments are frozen: shown when a deployment is refused.');

const weekly = z
  .strictObject({
    from: z
      .string()
      .regex(WEEKLY_MOMENT, 'expected a day and a time such as "fri 16:00"')
      .describe('Start, such as `fri 16:00`.'),
    to: z
      .string()
      .regex(WEEKLY_MOMENT, 'expected a day and a time such as "mon 08:00"')
      .describe(
        'End (not included), such as `mon 08:00`; earlier in the week than `from` wraps over the weekend.',
      ),
    reason,
  })
  .refine((window) => window.from !== window.to, {
    message: 'the window starts and ends at the same moment, so it never freezes anything',
    path: ['to'],
  });

const oneOff = z
  .strictObject({
    from: localMoment('2026-12-24').describe('First day (from its start) or moment frozen.'),
    to: localMoment('2026-12-26').describe('Last day (to its end) or the moment the freeze ends.'),
    reason,
  })
  .refine((window) => startOf(window.from) < endOf(window.to), {
    message: 'the freeze ends before it starts',
    path: ['to'],
  });

/** Where a one-off window starts and ends, as comparable local text: a date alone covers its whole day. */
export const startOf = (moment: string): string => (moment.length === 10 ? `${moment}T00:00` : moment);
export const endOf = (moment: string): string => (moment.length === 10 ? `${moment}T24:00` : moment);

export const freezeSchema = z
  .strictObject({
    timeZone: z
      .string()
      .refine(isTimeZone, 'expected an IANA time zone such as UTC or Europe/Berlin')
      .default('UTC')
      .describe('IANA time zone the windows are read in.'),
    weekly: z.array(weekly).default([]).describe('Windows that come back every week.'),
    dates: z.array(oneOff).default([]).describe('One-off windows: dates or moments.'),
  })
  .default({ timeZone: 'UTC', weekly: [], dates: [] })
  .describe(
    'When deployments of this environment are refused (exit 3) unless `--override-freeze "<why>"`. Rollback and recover are never frozen.',
  );

export type FreezeConfig = z.output<typeof freezeSchema>;
