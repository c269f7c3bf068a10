import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { FunctionVersion } from './model.js';
import { RUNTIME_SOURCE } from './runtime-source.js';

/** What an invocation produced: a result, or a function error in Lambda's payload shape. */
export interface InvocationResult {
  payload: unknown;
  functionError?: 'Unhandled';
  logs: string;
}

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
  logs?: string;
  /** The runtime is exiting after an uncaught error. */
  fatal?: boolean;
}

/** The environment Lambda gives a function: its own variables, then Lambda's reserved ones. */
export function functionEnvironment(target: InvokeTarget): Record<string, string> {
  const { config } = target;
  return {
    ...config.environment,
    AWS_REGION: target.region,
    AWS_DEFAULT_REGION: target.region,
    AWS_LAMBDA_FUNCTION_NAME: target.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: config.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${target.functionName}`,
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
  private current: { id: string; finish: (result: InvocationResult) => void } | undefined;
  private stderrTail = '';
  private exited = false;
  private fatal = false;
  private started = false;
  private readonly exitListeners: Array<() => void> = [];
  private readonly readyListeners: Array<() => void> = [];

  constructor(readonly target: InvokeTarget) {
    const { config } = target;
    this.child = spawn(
      process.execPath,
      [`--max-old-space-size=${Math.max(32, config.memorySize)}`, '-e', RUNTIME_SOURCE],
      {
        cwd: target.codeDir,
        env: functionEnvironment(target),
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
  invoke(event: unknown, invokedFunctionArn: string): Promise<InvocationResult> {
    const { config, functionName } = this.target;
    const id = randomUUID();
    const deadline = Date.now() + config.timeout * 1000;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle({
          functionError: 'Unhandled',
          payload: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `Task timed out after ${config.timeout.toFixed(2)} seconds`,
          },
          logs: '',
        });
        this.kill();
      }, config.timeout * 1000);
      this.current = {
        id,
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
            logGroupName: `/aws/lambda/${functionName}`,
            logStreamName: `sandbox/${config.version}/${id}`,
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

  private settle(result: InvocationResult): void {
    const current = this.current;
    this.current = undefined;
    current?.finish(result);
  }

  private onReply(message: Reply): void {
    if (message?.type === 'ready' && !this.started) {
      this.started = true;
      for (const listener of this.readyListeners.splice(0)) listener();
      return;
    }
    // A reply is only taken for the invocation in progress: anything else the handler sends is ignored.
    if (!this.current || message?.id !== this.current.id) return;
    const logs = typeof message.logs === 'string' ? message.logs : '';
    if (message.fatal) this.fatal = true;
    this.settle(
      message.ok
        ? { payload: message.result ?? null, logs }
        : {
            functionError: 'Unhandled',
            payload: {
              errorType: String(message.errorType ?? 'Error'),
              errorMessage: String(message.errorMessage ?? ''),
              trace: Array.isArray(message.trace) ? message.trace.map(String) : [],
            },
            logs,
          },
    );
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = true;
    const outOfMemory = /heap out of memory/i.test(this.stderrTail);
    this.settle({
      functionError: 'Unhandled',
      payload: outOfMemory
        ? {
            errorType: 'Runtime.OutOfMemory',
            errorMessage: `Runtime exited with error: the function exceeded its ${this.target.config.memorySize} MB`,
          }
        : {
            errorType: 'Runtime.ExitError',
            errorMessage: `Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code ?? 'unknown'}`}`,
          },
      logs: this.stderrTail,
    });
    for (const listener of this.exitListeners.splice(0)) listener();
  }
}
