import { type LogsContext, type LogsOperations, regionOf } from './context.js';
import { invalidParameter, unsupported, validationError } from './errors.js';
import type { InputEvent } from './model.js';
import { groupName, streamName } from './params.js';

/** PutLogEvents' limits (API reference): 10,000 events and 1,048,576 bytes a batch, counting 26 bytes an event. */
export const MAX_BATCH_EVENTS = 10_000;
export const MAX_BATCH_BYTES = 1_048_576;
export const EVENT_OVERHEAD_BYTES = 26;
/** The most one event may take (its message plus the 26 bytes), since AWS raised it from 256 KB in 2025. */
export const MAX_EVENT_BYTES = 1_048_576;
const DAY_MS = 24 * 60 * 60 * 1000;
const TOO_OLD_MS = 14 * DAY_MS;
const TOO_NEW_MS = 2 * 60 * 60 * 1000;

/** PutLogEvents: checks the batch as AWS does, stores the events that are neither too old nor too new. */
export function putEventsOperation(ctx: LogsContext): LogsOperations {
  return {
    PutLogEvents(body, request) {
      const names = { group: groupName(body), stream: streamName(body) };
      if (body.entity !== undefined) throw unsupported('entity');
      const events = inputEvents(body.logEvents);
      const group = ctx.store.group(regionOf(request), names.group);
      const stream = ctx.store.stream(group, names.stream);
      const now = Date.now();
      // Chronological order means the too-old events come first and the too-new ones last.
      let tooOldEnd = 0;
      while (tooOldEnd < events.length && events[tooOldEnd]!.timestamp < now - TOO_OLD_MS) tooOldEnd++;
      let tooNewStart = events.length;
      while (tooNewStart > tooOldEnd && events[tooNewStart - 1]!.timestamp > now + TOO_NEW_MS) tooNewStart--;
      const accepted = events.slice(tooOldEnd, tooNewStart);
      if (accepted.length > 0 && accepted.at(-1)!.timestamp - accepted[0]!.timestamp > DAY_MS)
        throw invalidParameter(
          'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
        );
      ctx.store.putEvents(group, stream, accepted);
      const rejected = {
        ...(tooOldEnd > 0 ? { tooOldLogEventEndIndex: tooOldEnd } : {}),
        ...(tooNewStart < events.length ? { tooNewLogEventStartIndex: tooNewStart } : {}),
      };
      return Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {};
    },
  };
}

/** The batch, checked: 1–10,000 events, each with a whole-number timestamp and a message, in order, within size. */
function inputEvents(value: unknown): InputEvent[] {
  if (value === undefined || value === null)
    throw invalidParameter(
      "1 validation error detected: Value null at 'logEvents' failed to satisfy constraint: Member must not be null",
    );
  if (!Array.isArray(value)) throw validationError(value, 'logEvents', 'Member must be a list');
  if (value.length < 1)
    throw validationError(value, 'logEvents', 'Member must have length greater than or equal to 1');
  if (value.length > MAX_BATCH_EVENTS)
    throw validationError(
      `[${value.length} events]`,
      'logEvents',
      `Member must have length less than or equal to ${MAX_BATCH_EVENTS}`,
    );
  let batchBytes = 0;
  const events: InputEvent[] = [];
  for (const [index, item] of value.entries()) {
    const { timestamp, message } = (item ?? {}) as Record<string, unknown>;
    if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp < 0)
      throw validationError(
        timestamp ?? null,
        `logEvents.${index + 1}.member.timestamp`,
        'Member must be a whole number of at least 0',
      );
    if (typeof message !== 'string' || message.length < 1)
      throw validationError(
        message ?? null,
        `logEvents.${index + 1}.member.message`,
        'Member must have length greater than or equal to 1',
      );
    const size = Buffer.byteLength(message) + EVENT_OVERHEAD_BYTES;
    if (size > MAX_EVENT_BYTES)
      throw invalidParameter(`Log event too large: ${size} bytes exceeds limit of ${MAX_EVENT_BYTES}`);
    batchBytes += size;
    events.push({ timestamp, message });
  }
  if (batchBytes > MAX_BATCH_BYTES)
    throw invalidParameter(`Upload too large: ${batchBytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  for (let i = 1; i < events.length; i++)
    if (events[i]!.timestamp < events[i - 1]!.timestamp)
      throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
  return events;
}
