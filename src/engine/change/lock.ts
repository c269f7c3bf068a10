import { LockedError, type OmnixError } from '../../core/errors.js';
import { emit, type Report } from '../../core/events.js';
import type { LockRecord } from '../../records/index.js';
import { whyStale } from '../../state/lease.js';
import type { StateStore } from '../../state/store.js';

/** "ada on laptop (pid 42, deployment d-…, https://github.com/…/runs/1) since 2026-…": who, where, since when. */
export function describeHolder(lock: Pick<LockRecord, 'holder' | 'acquiredAt'>): string {
  const { holder } = lock;
  const details = [
    `pid ${holder.pid}`,
    ...(holder.deploymentId ? [`deployment ${holder.deploymentId}`] : []),
    ...(holder.ci?.runUrl ? [holder.ci.runUrl] : []),
  ];
  return `${holder.user} on ${holder.host} (${details.join(', ')}) since ${lock.acquiredAt}`;
}

export interface TakeLockOptions {
  ttlSeconds: number;
  /** How long to wait for a held lock before giving up; 0 fails at once. */
  waitMs?: number;
  report: Report;
  /** Between attempts while waiting (tests shorten it). */
  pollMs?: number;
  /** Called once the lock is found held, before waiting for it. */
  onWait?: () => void;
  /** Told when the lock taken was another holder's, stale (its process gone, or expired), and why. */
  onTakeOver?: (stale: LockRecord, reason: string) => void;
}

/** Exit code 4, naming who holds `environment`'s lock and how long it was waited for. */
export function lockedError(environment: string, held: LockRecord, waitMs = 0): LockedError {
  return new LockedError(`${environment} is locked by ${describeHolder(held)}`, {
    hint:
      waitMs > 0
        ? `Waited ${Math.round(waitMs / 1000)} s. A lock whose holder stopped renewing it expires at ${held.expiresAt}; 'omnix lock break ${environment}' removes it now.`
        : `Wait for it to finish (deploy --wait-for-lock 10m waits your turn); a lock whose holder stopped renewing it expires at ${held.expiresAt}.`,
  });
}

/** Takes the environment's lock, waiting its turn up to `waitMs`; fails with exit code 4 naming the holder. */
export async function takeLock(
  store: StateStore,
  environment: string,
  holder: LockRecord['holder'],
  { ttlSeconds, waitMs = 0, report, pollMs = 2000, onWait, onTakeOver }: TakeLockOptions,
): Promise<LockRecord> {
  const giveUpAt = Date.now() + waitMs;
  let announced: string | undefined;
  for (;;) {
    // The store takes a stale lock over by itself; read first, only to say whose it was.
    const before = onTakeOver ? await store.readLock(environment) : undefined;
    const stale = before && whyStale(before);
    const attempt = await store.acquireLock(environment, holder, ttlSeconds);
    if (attempt.acquired) {
      if (before && stale && before.token !== attempt.lock.token) onTakeOver?.(before, stale);
      return attempt.lock;
    }
    const held = attempt.holder;
    const remaining = giveUpAt - Date.now();
    if (remaining <= 0) throw lockedError(environment, held, waitMs);
    if (announced === undefined) onWait?.();
    if (announced !== held.token) {
      announced = held.token;
      emit(report, 'info', 'lock', `waiting for the lock held by ${describeHolder(held)}`);
    }
    // Jitter keeps waiters that woke together from retrying together.
    const pause = Math.min(remaining, pollMs * (0.75 + Math.random() / 2));
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** A held lock kept alive: renewed every third of its TTL until stopped. */
export interface Lease {
  current(): LockRecord;
  /** Set when a renewal found the lock taken over: the work must stop before it commits. */
  lost(): OmnixError | undefined;
  /** Stops renewing and lets go of the lock. */
  release(): Promise<void>;
}

export function keepAlive(
  store: StateStore,
  taken: LockRecord,
  ttlSeconds: number,
  report: Report,
  intervalMs = Math.max(1000, (ttlSeconds * 1000) / 3),
): Lease {
  let lock = taken;
  let lostError: OmnixError | undefined;
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = store.renewLock(lock, ttlSeconds).then(
      (renewed) => {
        lock = renewed;
      },
      (error: OmnixError) => {
        if (error.code === 'LockLost') {
          lostError = error;
          clearInterval(timer);
        }
        emit(report, 'warn', 'lock', `could not renew the lock: ${error.message}`);
      },
    );
  }, intervalMs);
  timer.unref();
  return {
    current: () => lock,
    lost: () => lostError,
    release: async () => {
      clearInterval(timer);
      await renewing;
      if (!lostError) await store.releaseLock(lock);
    },
  };
}
