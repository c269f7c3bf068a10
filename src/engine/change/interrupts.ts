/** What a recorded change stopped by the user (Ctrl-C) left behind: what to tell them and what to run next. */
export type StoppedChange =
  /** It had not written its record yet, so it had changed nothing; its lock is released. */
  | { state: 'not-started'; deploymentId: string; environment: string }
  /** Recorded as interrupted, for `omnix recover`; its lock is released. */
  | { state: 'left-for-recovery'; deploymentId: string; environment: string; phase?: string; changes: number }
  /** It had already finished (succeeded or failed) when stopped. */
  | { state: 'finished'; deploymentId: string; environment: string; status: string };

/**
 * How whoever runs the engine stops the recorded change in progress cleanly on Ctrl-C: the change
 * registers how to record itself as stopped and let go of its lock; `stop()` runs that. Work in flight
 * is not waited for: the process ends after `stop()`.
 */
export class Interrupts {
  #stop: (() => Promise<StoppedChange>) | undefined;

  /** Called by a change once it holds its lock; returns the function that unregisters it. */
  register(stop: () => Promise<StoppedChange>): () => void {
    this.#stop = stop;
    return () => {
      if (this.#stop === stop) this.#stop = undefined;
    };
  }

  /** Records the change in progress as stopped and releases its lock; undefined when none holds a lock. */
  async stop(): Promise<StoppedChange | undefined> {
    const stop = this.#stop;
    this.#stop = undefined;
    return stop?.();
  }
}
