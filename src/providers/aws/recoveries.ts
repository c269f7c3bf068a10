import type { RecoverableFailure } from './failures.js';

/** How a step gets past one failure: fixes what stood in the way, runs the step again, and says what it did. */
export interface Remedy<T> {
  failure: RecoverableFailure;
  /** Throws when it cannot: the change then fails with the original error, the attempt recorded as failed. */
  recover(error: unknown): Promise<{ value: T; action: string; attempts?: number }>;
}

/**
 * Automatic recovery from known failures, as the AWS clients and the providers call it. The agent
 * implements it and records every attempt; absent (`agent.enabled: false`), omnix behaves as without
 * it, the SDK's own retries included.
 */
export interface Recoveries {
  /**
   * Runs `step` (AWS operation `operation`); on a failure one of `remedies` answers, and that the step
   * may be repeated after (`steps.ts`), applies it once. A remedy that does not work rethrows the
   * original failure, so the change fails (and rolls back) as it would have without it.
   */
  run<T>(operation: string, step: () => Promise<T>, remedies: readonly Remedy<T>[]): Promise<T>;
  /** A call the SDK retried (throttling, 5xx, connection lost): `error` set when it failed in the end. */
  sdkRetried(call: { operation: string; retried: readonly unknown[]; error?: unknown }): void;
}

/** Runs `step` through `recoveries` when the agent is on; without it, just the step. */
export function recovering<T>(
  recoveries: Recoveries | undefined,
  operation: string,
  step: () => Promise<T>,
  remedies: readonly Remedy<T>[],
): Promise<T> {
  return recoveries ? recoveries.run(operation, step, remedies) : step();
}
