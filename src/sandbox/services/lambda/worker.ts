import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { type FunctionLogSink, type InvocationLog, WorkerLog } from './function-log.js';
import { closingLines, type InvocationEnd, startLine } from './invocation-report.js';
import type { FunctionVersion } from './model.js';
import { RUNTIME_SOURCE } from './runtime-source.js';

/** What an invocation produced: a result, or a function error in Lambda's payload shape. */
export interface InvocationResult {
  payload: unknown;
  functionError?: 'Unhandled';
  /** The end of the invocation's log (START … REPORT), at most 4 KB: what `LogType: Tail` returns. */
  logs: string;
}

type Outcome = Omit<InvocationResult, 'logs'>;

export interface InvokeTarget {
  functionName: string;
  functionArn: string;
  region: string;
  config: FunctionVersion;
  codeDir: string;
}

interface Reply {
  type?: unknown;
  id?: unknown;
  ok?: boolean;
  result?: unknown;
  errorType?: string;
  errorMessage?: string;
  trace?: string[];
  /** A `log` message's line, as the runtime formatted it, and when it was printed (ms). */
  text?: unknown;
  time?: unknown;
  /** The process's peak resident memory so far, in MB. */
  memory?: unknown;
  /** The runtime is exiting after an uncaught error. */
  fatal?: boolean;
}

interface Current {
  id: string;
  log: InvocationLog;
  startedAt: number;
  initDurationMs?: number;
  finish: (result: InvocationResult) => void;
}

/** The environment Lambda gives a function: its own variables, then Lambda's reserved ones. */
export function functionEnvironment(target: InvokeTarget, logStream: string): Record<string, string> {
  const { config } = target;
  return {
    ...config.environment,
    AWS_REGION: target.region,
    AWS_DEFAULT_REGION: target.region,
    AWS_LAMBDA_FUNCTION_NAME: target.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: config.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${target.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStream,
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.runtime}`,
    LAMBDA_TASK_ROOT: target.codeDir,
    _HANDLER: config.handler,
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
  };
}

const STDERR_TAIL = 4096;

/**
 * One warm execution environment: a Node.js child process for one function version, with only the
 * function's environment, a heap limited to the function's memory, and no channel back into the
 * sandbox other than its replies. It runs one invocation at a time; the function's timeout is
 * enforced by killing it.
 */
export class LambdaWorker {
  private readonly child: ChildProcess;
  private readonly log: WorkerLog;
  private readonly spawnedAt = performance.now();
  /** Set when the runtime is ready; reported with the first invocation only (the cold start). */
  private initDurationMs: number | undefined;
  private maxMemoryUsedMb = 0;
  private current: Current | undefined;
  private stderrTail = '';
  private exited = false;
  private fatal = false;
  private started = false;
  private readonly exitListeners: Array<() => void> = [];
  private readonly readyListeners: Array<() => void> = [];

  constructor(
    readonly target: InvokeTarget,
    logSink?: FunctionLogSink,
  ) {
    const { config } = target;
    this.log = new WorkerLog(logSink, target.region, target.functionName, config.version);
    this.child = spawn(
      process.execPath,
      [`--max-old-space-size=${Math.max(32, config.memorySize)}`, '-e', RUNTIME_SOURCE],
      {
        cwd: target.codeDir,
        env: functionEnvironment(target, this.log.stream),
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'json',
      },
    );
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    this.child.on('message', (message: Reply) => this.onReply(message));
    this.child.on('error', () => this.onExit(null, null));
    this.child.on('exit', (code, signal) => this.onExit(code, signal));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether it can take another invocation. */
  get alive(): boolean {
    return !this.exited && !this.fatal;
  }

  /** Whether its handler module has been loaded (or failed to load) and it can take invocations. */
  get ready(): boolean {
    return this.started;
  }

  onceReady(listener: () => void): void {
    this.readyListeners.push(listener);
  }

  onceExited(listener: () => void): void {
    if (this.exited) listener();
    else this.exitListeners.push(listener);
  }

  /** Runs one invocation; resolves with the result or the function error, never rejects. */
  invoke(event: unknown, invokedFunctionArn: string, id: string = randomUUID()): Promise<InvocationResult> {
    const { config, functionName } = this.target;
    const deadline = Date.now() + config.timeout * 1000;
    const log = this.log.begin();
    log.platform(startLine(id, config.version));
    const initDurationMs = this.initDurationMs;
    this.initDurationMs = undefined;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle(
          {
            functionError: 'Unhandled',
            payload: {
              errorType: 'Sandbox.Timedout',
              errorMessage: `Task timed out after ${config.timeout.toFixed(2)} seconds`,
            },
          },
          { kind: 'timeout' },
        );
        this.kill();
      }, config.timeout * 1000);
      this.current = {
        id,
        log,
        startedAt: performance.now(),
        ...(initDurationMs !== undefined ? { initDurationMs } : {}),
        finish: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
      };
      if (this.exited) return this.onExit(null, null);
      this.child.send(
        {
          type: 'invoke',
          id,
          event,
          deadline,
          context: {
            functionName,
            functionVersion: config.version,
            invokedFunctionArn,
            memoryLimitInMB: String(config.memorySize),
            awsRequestId: id,
            logGroupName: this.log.group,
            logStreamName: this.log.stream,
          },
        },
        (error) => {
          if (error) this.kill();
        },
      );
    });
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  /** Ends the invocation in progress: Lambda's closing lines go to its log, its tail into the result. */
  private settle(outcome: Outcome, end: InvocationEnd = { kind: 'returned' }): void {
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    const figures = {
      requestId: current.id,
      durationMs: performance.now() - current.startedAt,
      memorySizeMb: this.target.config.memorySize,
      maxMemoryUsedMb: this.maxMemoryUsedMb,
      ...(current.initDurationMs !== undefined ? { initDurationMs: current.initDurationMs } : {}),
    };
    for (const line of closingLines(figures, end)) current.log.platform(line);
    current.finish({ ...outcome, logs: current.log.tail() });
  }

  private onReply(message: Reply): void {
    if (typeof message?.memory === 'number' && Number.isFinite(message.memory))
      this.maxMemoryUsedMb = Math.max(this.maxMemoryUsedMb, Math.ceil(message.memory));
    if (message?.type === 'log') {
      this.onLog(message);
      return;
    }
    if (message?.type === 'ready' && !this.started) {
      this.started = true;
      this.initDurationMs = performance.now() - this.spawnedAt;
      for (const listener of this.readyListeners.splice(0)) listener();
      return;
    }
    // A reply is only taken for the invocation in progress: anything else the handler sends is ignored.
    if (!this.current || message?.id !== this.current.id) return;
    if (message.fatal) this.fatal = true;
    this.settle(
      message.ok
        ? { payload: message.result ?? null }
        : {
            functionError: 'Unhandled',
            payload: {
              errorType: String(message.errorType ?? 'Error'),
              errorMessage: String(message.errorMessage ?? ''),
              trace: Array.isArray(message.trace) ? message.trace.map(String) : [],
            },
          },
    );
  }

  /** A line the function printed: kept for the invocation it belongs to, or the init phase before any. */
  private onLog(message: Reply): void {
    if (typeof message.text !== 'string') return;
    const time =
      typeof message.time === 'number' && Number.isFinite(message.time) ? message.time : Date.now();
    if (this.current && message.id === this.current.id) this.current.log.output(message.text, time);
    else if (message.id === undefined && !this.started) this.log.init(message.text, time);
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = true;
    const outOfMemory = /heap out of memory/i.test(this.stderrTail);
    const payload = outOfMemory
      ? {
          errorType: 'Runtime.OutOfMemory',
          errorMessage: `Runtime exited with error: the function exceeded its ${this.target.config.memorySize} MB`,
        }
      : {
          errorType: 'Runtime.ExitError',
          errorMessage: `Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code ?? 'unknown'}`}`,
        };
    // What the runtime itself wrote to stderr as it died (V8's out-of-memory report) is part of the log.
    const dying = this.stderrTail.split('\n').filter((line) => line.trim() !== '');
    for (const line of dying) this.current?.log.output(`${line}\n`, Date.now());
    this.settle({ functionError: 'Unhandled', payload }, { kind: 'exited', ...payload });
    for (const listener of this.exitListeners.splice(0)) listener();
  }
}
