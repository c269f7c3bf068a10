import { type InvocationResult, type InvokeTarget, LambdaWorker } from './worker.js';

export interface WorkerPoolOptions {
  /** Most worker processes alive at once, across all functions. */
  maxWorkers: number;
  /** How long an unused worker stays warm, in ms. */
  idleMs: number;
}

interface PooledWorker {
  worker: LambdaWorker;
  /** Which function version this worker runs (name, version, code and configuration). */
  key: string;
  /** The function version regardless of code and configuration: a new key here retires the old one. */
  slot: string;
  busy: boolean;
  lastUsed: number;
  idleTimer?: NodeJS.Timeout;
}

interface Waiter {
  target: InvokeTarget;
  key: string;
  slot: string;
  start: (entry: PooledWorker) => void;
}

const slotOf = (target: InvokeTarget) =>
  JSON.stringify([target.region, target.functionName, target.config.version]);
const keyOf = (target: InvokeTarget) =>
  JSON.stringify([slotOf(target), target.codeDir, target.config.codeSha256, target.config.revisionId]);

/**
 * Warm workers per function version, like Lambda's execution environments: an invocation reuses an
 * idle worker of its version or starts one; concurrent invocations get a worker each, up to
 * `maxWorkers` across the sandbox (then they wait, and the least recently used idle worker of
 * another version is stopped to make room). A worker idle for `idleMs`, whose version's code or
 * configuration changed, or that crashed or timed out is gone for good.
 */
export class WorkerPool {
  private readonly entries = new Set<PooledWorker>();
  private readonly waiting: Waiter[] = [];
  private stopped = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  get size(): number {
    return this.entries.size;
  }

  /** The process ids of the live workers (tests check none outlive the sandbox). */
  pids(): number[] {
    return [...this.entries].flatMap((entry) => (entry.worker.pid ? [entry.worker.pid] : []));
  }

  async invoke(target: InvokeTarget, event: unknown): Promise<InvocationResult> {
    if (this.stopped) throw new Error('the sandbox is stopping');
    const entry = await new Promise<PooledWorker>((start) => {
      this.waiting.push({ target, key: keyOf(target), slot: slotOf(target), start });
      this.dispatch();
    });
    try {
      return await entry.worker.invoke(event, target.functionArn);
    } finally {
      this.release(entry);
    }
  }

  /** Stops every worker; later invocations fail. */
  stop(): Promise<void> {
    this.stopped = true;
    this.waiting.length = 0;
    const exits = [...this.entries].map(
      (entry) => new Promise<void>((resolve) => entry.worker.onceExited(resolve)),
    );
    for (const entry of [...this.entries]) this.remove(entry);
    return Promise.all(exits).then(() => undefined);
  }

  private dispatch(): void {
    for (let i = 0; i < this.waiting.length; ) {
      const waiter = this.waiting[i]!;
      this.retireOutdated(waiter);
      const entry = this.idleWorker(waiter.key) ?? this.newWorker(waiter);
      if (!entry) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      clearTimeout(entry.idleTimer);
      entry.busy = true;
      waiter.start(entry);
    }
  }

  private retireOutdated(waiter: Waiter): void {
    for (const entry of this.entries) {
      if (entry.slot === waiter.slot && entry.key !== waiter.key && !entry.busy) this.remove(entry);
    }
  }

  private idleWorker(key: string): PooledWorker | undefined {
    for (const entry of this.entries) if (entry.key === key && !entry.busy) return entry;
    return undefined;
  }

  private newWorker(waiter: Waiter): PooledWorker | undefined {
    if (this.entries.size >= this.options.maxWorkers) {
      const idle = [...this.entries].filter((entry) => !entry.busy);
      if (idle.length === 0) return undefined;
      this.remove(idle.reduce((oldest, entry) => (entry.lastUsed < oldest.lastUsed ? entry : oldest)));
    }
    const entry: PooledWorker = {
      worker: new LambdaWorker(waiter.target),
      key: waiter.key,
      slot: waiter.slot,
      busy: false,
      lastUsed: Date.now(),
    };
    entry.worker.onceExited(() => {
      if (this.entries.delete(entry)) this.dispatch();
    });
    this.entries.add(entry);
    return entry;
  }

  private release(entry: PooledWorker): void {
    entry.busy = false;
    entry.lastUsed = Date.now();
    if (!this.entries.has(entry)) return;
    const outdated = this.waiting.some((w) => w.slot === entry.slot && w.key !== entry.key);
    if (!entry.worker.alive || outdated) this.remove(entry);
    else {
      entry.idleTimer = setTimeout(() => this.remove(entry), this.options.idleMs);
      entry.idleTimer.unref();
    }
    this.dispatch();
  }

  private remove(entry: PooledWorker): void {
    clearTimeout(entry.idleTimer);
    this.entries.delete(entry);
    entry.worker.kill();
  }
}
