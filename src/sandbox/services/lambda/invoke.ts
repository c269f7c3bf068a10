import { randomUUID } from 'node:crypto';
import type { Persistence } from '../../persistence.js';
import { CodeStore } from './code.js';
import type { FunctionVersion } from './model.js';
import type { InvocationResult } from './worker.js';
import { WorkerPool, type WorkerPoolOptions } from './worker-pool.js';

export type { InvocationResult } from './worker.js';

/** What an invocation names: the function as invoked (ARN with its qualifier) and the version it runs. */
export interface Invocation {
  functionName: string;
  functionArn: string;
  region: string;
  config: FunctionVersion;
}

/**
 * Runs handlers in warm worker processes (see WorkerPool), from code unpacked into this sandbox's
 * private folder.
 */
export class LambdaRuntime {
  private readonly code = new CodeStore();
  private readonly pool: WorkerPool;

  constructor(
    private readonly persistence: Persistence,
    options: WorkerPoolOptions,
  ) {
    this.pool = new WorkerPool(options);
  }

  /** Runs one invocation under `requestId` (Lambda's RequestId: START line, context, response header). */
  invoke(
    invocation: Invocation,
    event: unknown,
    requestId: string = randomUUID(),
  ): Promise<InvocationResult> {
    const { codeBlob } = invocation.config;
    const codeDir = this.code.folder(codeBlob, this.persistence.getBlob(codeBlob));
    return this.pool.invoke({ ...invocation, codeDir }, event, requestId);
  }

  /** The process ids of the live workers. */
  workerPids(): number[] {
    return this.pool.pids();
  }

  /** Stops every worker and removes the unpacked code. */
  async stop(): Promise<void> {
    await this.pool.stop();
    this.code.clear();
  }
}
