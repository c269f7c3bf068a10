import { randomBytes } from 'node:crypto';

/** Where a function's log events go: CloudWatch Logs, which creates the group and stream when missing. */
export interface FunctionLogSink {
  append(
    region: string,
    group: string,
    stream: string,
    events: Array<{ timestamp: number; message: string }>,
  ): void;
}

/**
 * What one invocation (and a worker's init phase) may print: beyond it the rest is dropped with one
 * notice, so a function printing a gigabyte cannot fill the sandbox's memory.
 */
export const MAX_OUTPUT_BYTES = 1024 * 1024;
/** The longest single line (one console call) kept; a longer one is cut. */
export const MAX_LINE_CHARS = 256 * 1024;
/** What `LogType: Tail` returns: the end of the invocation's log (Lambda: "the last 4 KB"). */
export const TAIL_BYTES = 4096;

export const droppedNotice = (limit: number) =>
  `[the sandbox dropped the rest of this output: more than ${limit} bytes in one invocation]\n`;

/** Lambda's stream name: `YYYY/MM/DD/[<version>]<32 hex>`, one per execution environment. */
export function logStreamName(version: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[${version}]${randomBytes(16).toString('hex')}`;
}

/** The log stream of one worker: `/aws/lambda/<function>`, a stream of its own. */
export class WorkerLog {
  readonly group: string;
  readonly stream: string;
  private initBytes = 0;

  constructor(
    private readonly sink: FunctionLogSink | undefined,
    private readonly region: string,
    functionName: string,
    version: string,
  ) {
    this.group = `/aws/lambda/${functionName}`;
    this.stream = logStreamName(version);
  }

  /** A line printed while the handler module loads (before any invocation), capped like an invocation's. */
  init(text: string, timestamp: number): void {
    if (this.initBytes > MAX_OUTPUT_BYTES) return;
    const line = capLine(text);
    this.initBytes += Buffer.byteLength(line);
    this.write(timestamp, this.initBytes > MAX_OUTPUT_BYTES ? droppedNotice(MAX_OUTPUT_BYTES) : line);
  }

  begin(): InvocationLog {
    return new InvocationLog((timestamp, message) => this.write(timestamp, message));
  }

  private write(timestamp: number, message: string): void {
    this.sink?.append(this.region, this.group, this.stream, [{ timestamp, message }]);
  }
}

/** One invocation's part of the stream: Lambda's own lines uncapped, the function's capped; keeps the tail. */
export class InvocationLog {
  private outputBytes = 0;
  private recent = '';

  constructor(private readonly write: (timestamp: number, message: string) => void) {}

  /** A line Lambda itself writes (START, END, REPORT, a timeout). */
  platform(message: string, timestamp = Date.now()): void {
    this.add(timestamp, message);
  }

  /** A line the function printed, as the runtime formatted it. */
  output(text: string, timestamp: number): void {
    if (this.outputBytes > MAX_OUTPUT_BYTES) return;
    const line = capLine(text);
    this.outputBytes += Buffer.byteLength(line);
    this.add(timestamp, this.outputBytes > MAX_OUTPUT_BYTES ? droppedNotice(MAX_OUTPUT_BYTES) : line);
  }

  /** The last TAIL_BYTES of what this invocation wrote, cut at a character boundary. */
  tail(): string {
    const bytes = Buffer.from(this.recent);
    if (bytes.length <= TAIL_BYTES) return this.recent;
    let start = bytes.length - TAIL_BYTES;
    // Skip UTF-8 continuation bytes so the tail starts with a whole character.
    while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start++;
    return bytes.subarray(start).toString('utf8');
  }

  private add(timestamp: number, message: string): void {
    this.write(timestamp, message);
    // Characters are at least one byte: the last TAIL_BYTES characters hold the last TAIL_BYTES bytes.
    this.recent = (this.recent + message).slice(-TAIL_BYTES);
  }
}

function capLine(text: string): string {
  return text.length <= MAX_LINE_CHARS
    ? text
    : `${text.slice(0, MAX_LINE_CHARS)} [line cut by the sandbox]\n`;
}
