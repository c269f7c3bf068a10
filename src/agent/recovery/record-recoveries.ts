import type { Report } from '../../core/events.js';
import { emit } from '../../core/events.js';
import type { ChangeRecoveries } from '../../engine/change/recoveries.js';
import { type RecoverableFailure, recoverableFailure, retriedFailure } from '../../providers/aws/failures.js';
import type { Remedy } from '../../providers/aws/recoveries.js';
import type { DeploymentRecord, RecoveryRecord } from '../../records/index.js';
import { mayRepeat } from './steps.js';

/** The agent's recoveries of one change, recorded in its record. */
export type RecordedRecoveries = ChangeRecoveries;

/**
 * Recoveries that go into a change's record (`recoveries`) and its events: a recovery as `info`, one
 * that did not work as `warn`. The SDK's retries of one operation in one phase are one entry, counting
 * calls and retries, so a throttled 2,000-file upload does not write 2,000 entries.
 */
export function recordRecoveries({
  report,
  phase,
  hide,
}: {
  report: Report;
  /** The phase running now. */
  phase: () => string;
  /** Hides the environment's secret values in error messages. */
  hide: (text: string) => string;
}): RecordedRecoveries {
  let record: DeploymentRecord | undefined;
  const pending: RecoveryRecord[] = [];
  const entries = () => record?.recoveries ?? pending;
  const retriedCalls = new Map<RecoveryRecord, number>();

  const add = (entry: Omit<RecoveryRecord, 'at' | 'phase'>): RecoveryRecord => {
    const full: RecoveryRecord = { ...entry, phase: phase(), at: new Date().toISOString() };
    if (record) record.recoveries = [...(record.recoveries ?? []), full];
    else pending.push(full);
    const failed = full.outcome === 'failed';
    emit(
      report,
      failed ? 'warn' : 'info',
      full.phase,
      `${failed ? 'recovery did not work' : 'recovered'} (${full.failure}${full.operation ? `, ${full.operation}` : ''}): ${full.action}`,
      { data: { recovery: full } },
    );
    return full;
  };
  const failedWith = (error: unknown) => ({
    code: (error as { code?: string; name?: string }).code ?? (error as { name?: string }).name ?? 'Error',
    message: hide((error as Error).message ?? String(error)),
  });

  return {
    attach(change) {
      record = change;
      if (pending.length > 0) change.recoveries = [...(change.recoveries ?? []), ...pending.splice(0)];
    },

    async run<T>(operation: string, step: () => Promise<T>, remedies: readonly Remedy<T>[]) {
      try {
        return await step();
      } catch (error) {
        const failure = recoverableFailure(error);
        const remedy = remedies.find((candidate) => candidate.failure === failure);
        if (!remedy || !failure || !mayRepeat(operation, failure)) throw error;
        let done: Awaited<ReturnType<Remedy<T>['recover']>>;
        try {
          done = await remedy.recover(error);
        } catch (again) {
          add({
            failure,
            action: `tried to get past ${(error as Error).name ?? 'the error'}; it failed again`,
            operation,
            attempts: 2,
            outcome: 'failed',
            error: failedWith(again),
          });
          throw again;
        }
        add({ failure, action: done.action, operation, attempts: done.attempts ?? 2, outcome: 'recovered' });
        return done.value;
      }
    },

    sdkRetried({ operation, retried, error }) {
      if (retried.length === 0) return;
      const failure: RecoverableFailure = retriedFailure(retried.at(-1));
      const names = [...new Set(retried.map(errorName))].join(', ');
      if (error) {
        add({
          failure,
          action: `the AWS SDK retried ${operation} ${retried.length} time(s) after ${names}; it still failed`,
          operation,
          attempts: retried.length + 1,
          outcome: 'failed',
          error: failedWith(error),
        });
        return;
      }
      const same = entries().find(
        (entry) =>
          retriedCalls.has(entry) &&
          entry.failure === failure &&
          entry.operation === operation &&
          entry.phase === phase(),
      );
      if (!same) {
        const entry = add({
          failure,
          action: `the AWS SDK retried ${operation} after ${names}: 1 call recovered, ${retried.length} retry(ies)`,
          operation,
          attempts: retried.length + 1,
          outcome: 'recovered',
        });
        retriedCalls.set(entry, 1);
        return;
      }
      const calls = (retriedCalls.get(same) ?? 0) + 1;
      retriedCalls.set(same, calls);
      same.attempts += retried.length + 1;
      same.action = `the AWS SDK retried ${operation} after ${names}: ${calls} calls recovered, ${same.attempts - calls} retries`;
    },

    lockTakenOver(stale, reason) {
      add({
        failure: 'lock-held-stale',
        action: `took over the lock of ${stale.environment} held by ${stale.holder.user} on ${stale.holder.host} (pid ${stale.holder.pid}) since ${stale.acquiredAt}: ${reason}`,
        attempts: 1,
        outcome: 'recovered',
      });
    },
  };
}

const errorName = (error: unknown): string =>
  (error as { name?: string })?.name ?? (error as { code?: string })?.code ?? 'an error';
