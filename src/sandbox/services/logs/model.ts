/** One stored log event. Within a stream, events are kept sorted by (timestamp, seq). */
export interface LogEvent {
  /** When it happened (ms since the epoch), as sent. */
  timestamp: number;
  /** When the sandbox took it in (ms); never decreases within a stream. */
  ingestionTime: number;
  /** Its place in the order the stream took events in: breaks ties between equal timestamps. */
  seq: number;
  message: string;
  /** UTF-8 size of the message. */
  bytes: number;
}

export interface LogStream {
  name: string;
  creationTime: number;
  events: LogEvent[];
  nextSeq: number;
  lastIngestionTime?: number;
  /** Sum of the events' message sizes: the group's `storedBytes` adds these up. */
  storedBytes: number;
}

export const LOG_GROUP_CLASSES = ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'] as const;
export type LogGroupClass = (typeof LOG_GROUP_CLASSES)[number];

export interface LogGroup {
  region: string;
  name: string;
  creationTime: number;
  logGroupClass: LogGroupClass;
  /** Kept and returned; the sandbox encrypts nothing. */
  kmsKeyId?: string;
  streams: Map<string, LogStream>;
}

/** An event as PutLogEvents (and Lambda) hand it in. */
export interface InputEvent {
  timestamp: number;
  message: string;
}

/** Compares two events of one stream: the order GetLogEvents returns them in. */
export const byTimeThenSeq = (a: LogEvent, b: LogEvent) => a.timestamp - b.timestamp || a.seq - b.seq;
