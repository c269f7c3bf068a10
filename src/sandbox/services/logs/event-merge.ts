import type { LogEvent, LogStream } from './model.js';
import { compareKeys, type PageKey } from './tokens.js';

/** An event with the stream it came from. */
export interface StreamEvent {
  stream: LogStream;
  event: LogEvent;
}

/** The order FilterLogEvents returns events in: timestamp, ingestion time, then stream and place in it. */
export const mergeKey = ({ stream, event }: StreamEvent): PageKey => [
  event.timestamp,
  event.ingestionTime,
  stream.name,
  event.seq,
];

interface Head {
  stream: LogStream;
  index: number;
  key: PageKey;
}

/**
 * Walks the events of several streams in mergeKey order, starting after `after` (a key from a previous
 * page) and at `startTime`: a binary search finds each stream's first event, a heap picks the next one.
 * Within a stream events are sorted by (timestamp, seq) and ingestion time never decreases with seq, so
 * each stream is already in mergeKey order.
 */
export function* mergeStreams(
  streams: LogStream[],
  after: PageKey | undefined,
  startTime: number,
): Generator<StreamEvent> {
  const heap: Head[] = [];
  for (const stream of streams) {
    const index = firstIndex(stream, after, startTime);
    if (index < stream.events.length) push(heap, headAt(stream, index));
  }
  while (heap.length > 0) {
    const head = pop(heap);
    yield { stream: head.stream, event: head.stream.events[head.index]! };
    if (head.index + 1 < head.stream.events.length) push(heap, headAt(head.stream, head.index + 1));
  }
}

const headAt = (stream: LogStream, index: number): Head => ({
  stream,
  index,
  key: mergeKey({ stream, event: stream.events[index]! }),
});

function firstIndex(stream: LogStream, after: PageKey | undefined, startTime: number): number {
  let low = 0;
  let high = stream.events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const event = stream.events[middle]!;
    const early =
      event.timestamp < startTime ||
      (after !== undefined && compareKeys(mergeKey({ stream, event }), after) <= 0);
    if (early) low = middle + 1;
    else high = middle;
  }
  return low;
}

function push(heap: Head[], head: Head): void {
  heap.push(head);
  for (let i = heap.length - 1; i > 0; ) {
    const parent = (i - 1) >> 1;
    if (compareKeys(heap[parent]!.key, heap[i]!.key) <= 0) break;
    [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
    i = parent;
  }
}

function pop(heap: Head[]): Head {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length === 0) return top;
  heap[0] = last;
  for (let i = 0; ; ) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && compareKeys(heap[left]!.key, heap[smallest]!.key) < 0) smallest = left;
    if (right < heap.length && compareKeys(heap[right]!.key, heap[smallest]!.key) < 0) smallest = right;
    if (smallest === i) break;
    [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
    i = smallest;
  }
  return top;
}
