import { Persistence } from '../../persistence.js';
import { groupExists, groupNotFound, streamExists, streamNotFound } from './errors.js';
import type { InputEvent, LogEvent, LogGroup, LogGroupClass, LogStream } from './model.js';

const GROUPS = 'logs/groups';
const STREAMS = 'logs/streams';
const EVENTS = 'logs/events';
/** How long appended events wait before they are written out together. */
const FLUSH_MS = 100;

interface GroupRecord {
  region: string;
  name: string;
  creationTime: number;
  logGroupClass: LogGroupClass;
  kmsKeyId?: string;
}
interface StreamRecord {
  region: string;
  group: string;
  name: string;
  creationTime: number;
}

const groupFile = (region: string, group: string) => Persistence.safeName(JSON.stringify([region, group]));
const streamFile = (region: string, group: string, stream: string) =>
  Persistence.safeName(JSON.stringify([region, group, stream]));

/**
 * Log groups, streams and events, per region. Changes to groups and streams are written through; events
 * are appended in memory at once and written out in batches (every FLUSH_MS, and on `close`), so writing
 * logs costs an invocation or a PutLogEvents nothing but the append.
 */
export class LogsStore {
  private readonly regions = new Map<string, Map<string, LogGroup>>();
  /** Event lines waiting to be appended, by events file. */
  private readonly pending = new Map<string, string[]>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(private readonly persistence: Persistence) {
    for (const record of persistence.readRecords<GroupRecord>(GROUPS)) {
      const { region, name, ...rest } = record;
      this.groupsOf(region).set(name, { region, name, ...rest, streams: new Map() });
    }
    for (const record of persistence.readRecords<StreamRecord>(STREAMS)) {
      const group = this.find(record.region, record.group);
      if (!group) continue;
      const stream = newStream(record.name, record.creationTime);
      const text = persistence.readLog(EVENTS, streamFile(record.region, record.group, record.name));
      for (const line of text.split('\n')) restoreEvent(stream, line);
      stream.events.sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
      group.streams.set(record.name, stream);
    }
  }

  /** The groups of a region, sorted by name (ASCII, as DescribeLogGroups lists them). */
  list(region: string): LogGroup[] {
    return [...this.groupsOf(region).values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  }

  find(region: string, name: string): LogGroup | undefined {
    return this.regions.get(region)?.get(name);
  }

  group(region: string, name: string): LogGroup {
    const group = this.find(region, name);
    if (!group) throw groupNotFound();
    return group;
  }

  stream(group: LogGroup, name: string): LogStream {
    const stream = group.streams.get(name);
    if (!stream) throw streamNotFound();
    return stream;
  }

  createGroup(
    region: string,
    name: string,
    options: { logGroupClass: LogGroupClass; kmsKeyId?: string },
  ): LogGroup {
    if (this.find(region, name)) throw groupExists();
    const record: GroupRecord = { region, name, creationTime: Date.now(), ...options };
    this.persistence.writeRecord(GROUPS, groupFile(region, name), record);
    const group: LogGroup = { ...record, streams: new Map() };
    this.groupsOf(region).set(name, group);
    return group;
  }

  deleteGroup(region: string, name: string): void {
    const group = this.group(region, name);
    for (const stream of [...group.streams.keys()]) this.deleteStream(group, stream);
    this.groupsOf(region).delete(name);
    this.persistence.deleteRecord(GROUPS, groupFile(region, name));
  }

  createStream(group: LogGroup, name: string): LogStream {
    if (group.streams.has(name)) throw streamExists();
    const stream = newStream(name, Date.now());
    const record: StreamRecord = {
      region: group.region,
      group: group.name,
      name,
      creationTime: stream.creationTime,
    };
    this.persistence.writeRecord(STREAMS, streamFile(group.region, group.name, name), record);
    group.streams.set(name, stream);
    return stream;
  }

  deleteStream(group: LogGroup, name: string): void {
    this.stream(group, name);
    const file = streamFile(group.region, group.name, name);
    this.pending.delete(file);
    group.streams.delete(name);
    this.persistence.deleteRecord(STREAMS, file);
    this.persistence.deleteLog(EVENTS, file);
  }

  /** Adds events (already checked) to a stream, keeping it sorted; returns nothing, fails never. */
  putEvents(group: LogGroup, stream: LogStream, events: InputEvent[]): void {
    if (events.length === 0) return;
    const ingestionTime = Math.max(Date.now(), stream.lastIngestionTime ?? 0);
    const lines: string[] = [];
    for (const input of events) {
      const event: LogEvent = {
        timestamp: input.timestamp,
        ingestionTime,
        seq: stream.nextSeq++,
        message: input.message,
        bytes: Buffer.byteLength(input.message),
      };
      insertSorted(stream.events, event);
      stream.storedBytes += event.bytes;
      lines.push(`${JSON.stringify([event.timestamp, ingestionTime, event.message])}\n`);
    }
    stream.lastIngestionTime = ingestionTime;
    if (!this.persistence.dataDir) return;
    const file = streamFile(group.region, group.name, stream.name);
    const waiting = this.pending.get(file);
    if (waiting) waiting.push(...lines);
    else this.pending.set(file, lines);
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS).unref();
  }

  /**
   * Appends to a stream as Lambda does: the group and the stream are created when missing (also when they
   * were deleted while a function kept running).
   */
  append(region: string, groupName: string, streamName: string, events: InputEvent[]): void {
    const group =
      this.find(region, groupName) ?? this.createGroup(region, groupName, { logGroupClass: 'STANDARD' });
    const stream = group.streams.get(streamName) ?? this.createStream(group, streamName);
    this.putEvents(group, stream, events);
  }

  /** Writes out the events appended since the last flush. */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const [file, lines] of this.pending) this.persistence.appendLog(EVENTS, file, lines.join(''));
    this.pending.clear();
  }

  private groupsOf(region: string): Map<string, LogGroup> {
    const groups = this.regions.get(region) ?? new Map<string, LogGroup>();
    this.regions.set(region, groups);
    return groups;
  }
}

function newStream(name: string, creationTime: number): LogStream {
  return { name, creationTime, events: [], nextSeq: 0, storedBytes: 0 };
}

/** One stored line back into its stream; a line cut short by a crash is skipped. */
function restoreEvent(stream: LogStream, line: string): void {
  if (line === '') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return;
  }
  if (!Array.isArray(parsed) || !Number.isSafeInteger(parsed[0]) || !Number.isSafeInteger(parsed[1])) return;
  if (typeof parsed[2] !== 'string') return;
  const [timestamp, ingestionTime, message] = parsed as [number, number, string];
  const bytes = Buffer.byteLength(message);
  stream.events.push({ timestamp, ingestionTime, seq: stream.nextSeq++, message, bytes });
  stream.storedBytes += bytes;
  stream.lastIngestionTime = Math.max(stream.lastIngestionTime ?? 0, ingestionTime);
}

/** Appends in order (the common case: time moves forward) or inserts after every event not later. */
function insertSorted(events: LogEvent[], event: LogEvent): void {
  const last = events.at(-1);
  if (!last || last.timestamp <= event.timestamp) {
    events.push(event);
    return;
  }
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (events[middle]!.timestamp <= event.timestamp) low = middle + 1;
    else high = middle;
  }
  events.splice(low, 0, event);
}
