import { type LogsContext, type LogsOperations, regionOf } from './context.js';
import { invalidParameter, validationError } from './errors.js';
import { mergeKey, mergeStreams, type StreamEvent } from './event-merge.js';
import { MAX_PAGE_BYTES } from './get-events.js';
import type { LogGroup, LogStream } from './model.js';
import {
  groupReference,
  optionalBoolean,
  optionalInt,
  optionalStreamName,
  optionalToken,
  streamName,
} from './params.js';
import { compileFilterPattern } from './pattern/filter-pattern.js';
import { WorkMeter } from './pattern/search.js';
import { decodeToken, encodeToken } from './tokens.js';

/**
 * How much one call may examine before it answers with what it has and a nextToken, as AWS's pages may be
 * partly full or empty: this bounds the work of a request whatever the pattern and the data.
 */
const SCAN_EVENTS = 10_000;
const SCAN_STEPS = 64 * 1024 * 1024;

type Body = Record<string, unknown>;

/** FilterLogEvents: the events of a group's streams, in time order, that match a filter pattern. */
export function filterEventsOperation(ctx: LogsContext): LogsOperations {
  return {
    FilterLogEvents(body, request) {
      const region = regionOf(request);
      const group = ctx.store.group(region, groupReference(body, region, ctx.accountId));
      const streams = selectedStreams(group, body);
      const startTime = optionalInt(body, 'startTime', 0, Number.MAX_SAFE_INTEGER) ?? 0;
      const endTime = optionalInt(body, 'endTime', 0, Number.MAX_SAFE_INTEGER) ?? Number.MAX_SAFE_INTEGER;
      const size = Math.min(optionalInt(body, 'limit', 1, 10_000) ?? 10_000, ctx.pageSize);
      const pattern = body.filterPattern;
      if (pattern !== undefined && typeof pattern !== 'string')
        throw validationError(pattern, 'filterPattern', 'Member must be a string');
      const matches = compileFilterPattern(pattern);
      // interleaved is ignored by AWS since 2019 (always interleaved); unmask has nothing to unmask here.
      optionalBoolean(body, 'interleaved');
      optionalBoolean(body, 'unmask');
      const token = optionalToken(body);
      const after = token === undefined ? undefined : decodeToken(token, 'filter', 'nnsn');

      const meter = new WorkMeter();
      const events: StreamEvent[] = [];
      let bytes = 0;
      let examined = 0;
      let last: StreamEvent | undefined;
      let more = false;
      for (const item of mergeStreams(streams, after, startTime)) {
        if (item.event.timestamp > endTime) break;
        const full = events.length >= size || bytes + item.event.bytes > MAX_PAGE_BYTES;
        if (full || examined >= SCAN_EVENTS || meter.steps >= SCAN_STEPS) {
          more = true;
          break;
        }
        examined++;
        last = item;
        if (matches(item.event.message, meter)) {
          events.push(item);
          bytes += item.event.bytes;
        }
      }
      return {
        events: events.map(({ stream, event }) => ({
          logStreamName: stream.name,
          timestamp: event.timestamp,
          message: event.message,
          ingestionTime: event.ingestionTime,
          eventId: eventId(stream, event.timestamp, event.seq),
        })),
        searchedLogStreams: [],
        ...(more && last ? { nextToken: encodeToken('filter', mergeKey(last)) } : {}),
      };
    },
  };
}

/** The streams a call searches: `logStreamNames` (those that exist) or `logStreamNamePrefix`, not both. */
function selectedStreams(group: LogGroup, body: Body): LogStream[] {
  const names = body.logStreamNames;
  const prefix = optionalStreamName(body, 'logStreamNamePrefix');
  if (names !== undefined && prefix !== undefined)
    throw invalidParameter('Cannot specify both logStreamNames and logStreamNamePrefix.');
  if (names !== undefined) {
    if (!Array.isArray(names) || names.length < 1 || names.length > 100)
      throw validationError(names, 'logStreamNames', 'Member must have length between 1 and 100');
    const wanted = new Set(
      names.map((name, i) =>
        streamName({ [`logStreamNames.${i + 1}.member`]: name }, `logStreamNames.${i + 1}.member`),
      ),
    );
    return [...group.streams.values()].filter((stream) => wanted.has(stream.name));
  }
  return [...group.streams.values()].filter(
    (stream) => prefix === undefined || stream.name.startsWith(prefix),
  );
}

/** A decimal event id: the timestamp, a hash of the stream name, and the event's place in its stream. */
function eventId(stream: LogStream, timestamp: number, seq: number): string {
  let hash = 2166136261;
  for (let i = 0; i < stream.name.length; i++)
    hash = Math.imul(hash ^ stream.name.charCodeAt(i), 16777619) >>> 0;
  return `${String(timestamp).padStart(16, '0')}${String(hash).padStart(10, '0')}${String(seq).padStart(10, '0')}`;
}
