import type { FunctionLogSink } from './function-log.js';
import { type InvocationResult, type InvokeTarget, LambdaWorker } from './worker.js';

export interface WorkerPoolOptions {
  /** Most worker processes alive at once, across all functions. */
  maxWorkers: number;
  /** How long an unused worker stays warm, in ms. */
  idleMs: number;
  /** Where workers write their functions' logs (CloudWatch Logs); none keeps only each invocation's tail. */
  logSink?: FunctionLogSink;
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
  /** When it started waiting (ms). */
  since: number;
  target: InvokeTarget;
  key: string;
  slot: string;
  start: (entry: PooledWorker) => void;
}

const SCALE_OUT_MS = 100;

const slotOf = (target: InvokeTarget) =>
  JSON.stringify([target.region, target.functionName, target.config.version]);
const keyOf = (target: InvokeTarget) =>
  JSON.stringify([slotOf(target), target.codeDir, target.config.codeSha256, target.config.revisionId]);

/**
 * Warm workers per function version, like Lambda's execution environments. An invocation takes an
 * idle worker of its version; when there is none, it waits for the first one that is free — a busy
 * one finishing, or a new one, started one at a time per version while invocations keep waiting
 * (see mayStart), so concurrent invocations scale out without each paying for a cold start.
 * At most `maxWorkers` live across the sandbox; to start another, the least recently used idle
 * worker of another version is stopped. A worker idle for `idleMs`, whose version's code or
 * configuration changed, or that crashed or timed out is gone for good.
 */
export class WorkerPool {
  private readonly entries = new Set<PooledWorker>();
  private readonly waiting: Waiter[] = [];
  private stopped = false;
  private scaleOutTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: WorkerPoolOptions) {}

  /** The process ids of the live workers (tests check none outlive the sandbox). */
  pids(): number[] {
    return [...this.entries].flatMap((entry) => (entry.worker.pid ? [entry.worker.pid] : []));
  }

  async invoke(target: InvokeTarget, event: unknown, requestId: string): Promise<InvocationResult> {
    if (this.stopped) throw new Error('the sandbox is stopping');
    const entry = await new Promise<PooledWorker>((start) => {
      this.waiting.push({ since: Date.now(), target, key: keyOf(target), slot: slotOf(target), start });
      this.dispatch();
    });
    try {
      return await entry.worker.invoke(event, target.functionArn, requestId);
    } finally {
      this.release(entry);
    }
  }

  /** Stops every worker; later invocations fail. */
  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.scaleOutTimer);
    this.waiting.length = 0;
    const exits = [...this.entries].map(
      (entry) => new Promise<void>((resolve) => entry.worker.onceExited(resolve)),
    );
    for (const entry of [...this.entries]) this.remove(entry);
    return Promise.all(exits).then(() => undefined);
  }

  private dispatch(): void {
    if (this.stopped) return;
    for (let i = 0; i < this.waiting.length; ) {
      const waiter = this.waiting[i]!;
      this.retireOutdated(waiter);
      const entry = this.idleWorker(waiter.key);
      if (entry) {
        this.waiting.splice(i, 1);
        this.assign(entry, waiter);
        continue;
      }
      if (!this.starting(waiter.key) && this.mayStart(waiter)) this.startWorker(waiter);
      i++;
    }
  }

  /**
   * A version's first worker starts at once; another only once an invocation has waited
   * SCALE_OUT_MS for a busy one. A warm worker answers in milliseconds, so short handlers are served
   * by few workers instead of paying for cold starts that would slow everything on a busy machine.
   */
  private mayStart(waiter: Waiter): boolean {
    if (![...this.entries].some((entry) => entry.key === waiter.key)) return true;
    const waited = Date.now() - waiter.since;
    if (waited >= SCALE_OUT_MS) return true;
    this.scaleOutTimer ??= setTimeout(() => {
      this.scaleOutTimer = undefined;
      this.dispatch();
    }, SCALE_OUT_MS - waited);
    return false;
  }

  private assign(entry: PooledWorker, waiter: Waiter): void {
    clearTimeout(entry.idleTimer);
    entry.busy = true;
    waiter.start(entry);
  }

  private retireOutdated(waiter: Waiter): void {
    for (const entry of this.entries) {
      if (entry.slot === waiter.slot && entry.key !== waiter.key && !entry.busy) this.remove(entry);
    }
  }

  private idleWorker(key: string): PooledWorker | undefined {
    for (const entry of this.entries)
      if (entry.key === key && !entry.busy && entry.worker.ready && entry.worker.alive) return entry;
    return undefined;
  }

  private starting(key: string): boolean {
    for (const entry of this.entries) if (entry.key === key && !entry.worker.ready) return true;
    return false;
  }

  private startWorker(waiter: Waiter): void {
    if (this.entries.size >= this.options.maxWorkers) {
      const idle = [...this.entries].filter((entry) => !entry.busy && entry.worker.ready);
      if (idle.length === 0) return;
      this.remove(idle.reduce((oldest, entry) => (entry.lastUsed < oldest.lastUsed ? entry : oldest)));
    }
    const entry: PooledWorker = {
      worker: new LambdaWorker(waiter.target, this.options.logSink),
      key: waiter.key,
      slot: waiter.slot,
      busy: false,
      lastUsed: Date.now(),
    };
    entry.worker.onceReady(() => this.dispatch());
    entry.worker.onceExited(() => {
      if (!this.entries.delete(entry)) return;
      // A worker that died while starting fails the first invocation waiting for it (as Lambda's
      // init errors do) instead of being started again and again.
      const index = entry.worker.ready ? -1 : this.waiting.findIndex((w) => w.key === entry.key);
      if (index >= 0) this.assign(entry, this.waiting.splice(index, 1)[0]!);
      this.dispatch();
    });
    this.entries.add(entry);
  }

  private release(entry: PooledWorker): void {
    entry.busy = false;
    entry.lastUsed = Date.now();
    if (this.entries.has(entry)) {
      const outdated = this.waiting.some((w) => w.slot === entry.slot && w.key !== entry.key);
      if (!entry.worker.alive || outdated) this.remove(entry);
      else {
        entry.idleTimer = setTimeout(() => this.remove(entry), this.options.idleMs);
        entry.idleTimer.unref();
      }
    }
    this.dispatch();
  }

  private remove(entry: PooledWorker): void {
    clearTimeout(entry.idleTimer);
    this.entries.delete(entry);
    entry.worker.kill();
  }
}
