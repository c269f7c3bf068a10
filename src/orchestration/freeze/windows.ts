import { endOf, type FreezeConfig, startOf, WEEKDAYS, WEEKLY_MOMENT } from '../../config/schema/freeze.js';

/** A freeze window in force: its reason, and how it was written (`fri 16:00 – mon 08:00 Europe/Berlin`). */
export interface ActiveFreeze {
  reason: string;
  window: string;
}

/** The time `now` shows in `timeZone`: its day of the week and `YYYY-MM-DDTHH:MM`. */
export function localTime(
  now: Date,
  timeZone: string,
): { weekday: number; minuteOfDay: number; text: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  const weekday = WEEKDAYS.indexOf(parts.weekday!.toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number]);
  const hour = Number(parts.hour) % 24;
  const minute = Number(parts.minute);
  return {
    weekday,
    minuteOfDay: hour * 60 + minute,
    text: `${parts.year}-${parts.month}-${parts.day}T${String(hour).padStart(2, '0')}:${parts.minute}`,
  };
}

function minuteOfWeek(moment: string): number {
  const [, day, hour, minute] = WEEKLY_MOMENT.exec(moment)!;
  return WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]) * 1440 + Number(hour) * 60 + Number(minute);
}

/** The first window of `freeze` that `now` falls in, or undefined. */
export function activeFreeze(freeze: FreezeConfig, now: Date): ActiveFreeze | undefined {
  const local = localTime(now, freeze.timeZone);
  const minute = local.weekday * 1440 + local.minuteOfDay;
  for (const window of freeze.weekly) {
    const from = minuteOfWeek(window.from);
    const to = minuteOfWeek(window.to);
    // A window whose end comes earlier in the week than its start runs over the week's end (fri → mon).
    const inside = from <= to ? minute >= from && minute < to : minute >= from || minute < to;
    if (inside)
      return { reason: window.reason, window: `every ${window.from} – ${window.to} ${freeze.timeZone}` };
  }
  for (const window of freeze.dates) {
    if (local.text >= startOf(window.from) && local.text < endOf(window.to))
      return { reason: window.reason, window: `${window.from} – ${window.to} ${freeze.timeZone}` };
  }
  return undefined;
}
