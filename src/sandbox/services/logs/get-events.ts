import { type LogsContext, type LogsOperations, regionOf } from './context.js';
import { invalidToken } from './errors.js';
import type { LogEvent } from './model.js';
import { groupReference, optionalBoolean, optionalInt, optionalToken, streamName } from './params.js';

/** A page holds at most this much message text, as on AWS. */
export const MAX_PAGE_BYTES = 1_048_576;

/** A place between two events of a stream: the events at or after it are those with key ≥ (timestamp, seq). */
interface Boundary {
  timestamp: number;
  seq: number;
}

const TOKEN = /^([fb])\/(\d{16})(\d{10})\/s$/;

/** `f/…/s` reads forward from the boundary, `b/…/s` backward: digits like AWS's tokens, opaque to clients. */
const token = (direction: 'f' | 'b', at: Boundary) =>
  `${direction}/${String(at.timestamp).padStart(16, '0')}${String(at.seq).padStart(10, '0')}/s`;

function parseToken(text: string): { direction: 'f' | 'b'; at: Boundary } {
  const match = TOKEN.exec(text);
  if (!match) throw invalidToken();
  return { direction: match[1] as 'f' | 'b', at: { timestamp: Number(match[2]), seq: Number(match[3]) } };
}

/** The index of the first event at or after the boundary. */
function lowerIndex(events: LogEvent[], at: Boundary): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const event = events[middle]!;
    const before = event.timestamp < at.timestamp || (event.timestamp === at.timestamp && event.seq < at.seq);
    if (before) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * GetLogEvents: a page of one stream, oldest first within the page. Without a token it starts at the head
 * (`startFromHead`) or ends at the tail; `nextForwardToken`/`nextBackwardToken` continue either way, and at
 * the end of the stream the token passed in comes back unchanged, which is how a reader knows to stop.
 */
export function getEventsOperation(ctx: LogsContext): LogsOperations {
  return {
    GetLogEvents(body, request) {
      const region = regionOf(request);
      const group = ctx.store.group(region, groupReference(body, region, ctx.accountId));
      const stream = ctx.store.stream(group, streamName(body));
      const startTime = optionalInt(body, 'startTime', 0, Number.MAX_SAFE_INTEGER);
      const endTime = optionalInt(body, 'endTime', 0, Number.MAX_SAFE_INTEGER);
      const size = Math.min(optionalInt(body, 'limit', 1, 10_000) ?? 10_000, ctx.pageSize);
      const given = optionalToken(body);
      const events = stream.events;
      const rangeStart = lowerIndex(events, { timestamp: startTime ?? 0, seq: 0 });
      const rangeEnd = Math.max(
        rangeStart,
        endTime === undefined ? events.length : lowerIndex(events, { timestamp: endTime, seq: 0 }),
      );
      const rangeFloor: Boundary = { timestamp: startTime ?? 0, seq: 0 };
      let direction: 'f' | 'b';
      let at: Boundary;
      if (given !== undefined) ({ direction, at } = parseToken(given));
      else if (optionalBoolean(body, 'startFromHead') === true) [direction, at] = ['f', rangeFloor];
      else {
        const next = events[rangeEnd];
        const last = events[rangeEnd - 1];
        at = next ?? (last ? { timestamp: last.timestamp, seq: last.seq + 1 } : rangeFloor);
        direction = 'b';
      }
      const page =
        direction === 'f'
          ? forward(events, at, rangeStart, rangeEnd, size)
          : backward(events, at, rangeStart, rangeEnd, size);
      const first = page[0];
      const last = page.at(-1);
      return {
        events: page.map((event) => ({
          timestamp: event.timestamp,
          message: event.message,
          ingestionTime: event.ingestionTime,
        })),
        nextForwardToken: last
          ? token('f', { timestamp: last.timestamp, seq: last.seq + 1 })
          : direction === 'f' && given !== undefined
            ? given
            : token('f', at),
        nextBackwardToken: first
          ? token('b', first)
          : direction === 'b' && given !== undefined
            ? given
            : token('b', at),
      };
    },
  };
}

function forward(events: LogEvent[], at: Boundary, start: number, end: number, size: number): LogEvent[] {
  const from = Math.max(start, lowerIndex(events, at));
  const page: LogEvent[] = [];
  let bytes = 0;
  for (let i = from; i < end && page.length < size; i++) {
    bytes += events[i]!.bytes;
    if (page.length > 0 && bytes > MAX_PAGE_BYTES) break;
    page.push(events[i]!);
  }
  return page;
}

function backward(events: LogEvent[], at: Boundary, start: number, end: number, size: number): LogEvent[] {
  const to = Math.min(end, lowerIndex(events, at));
  const page: LogEvent[] = [];
  let bytes = 0;
  for (let i = to - 1; i >= start && page.length < size; i--) {
    bytes += events[i]!.bytes;
    if (page.length > 0 && bytes > MAX_PAGE_BYTES) break;
    page.push(events[i]!);
  }
  return page.reverse();
}
