import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { LockRecord } from '../records/index.js';

/** A fresh lock for `holder`, valid for `ttlSeconds` unless renewed; its token is new. */
export function newLock(environment: string, holder: LockRecord['holder'], ttlSeconds: number): LockRecord {
  const now = Date.now();
  return {
    environment,
    holder,
    acquiredAt: new Date(now).toISOString(),
    expiresAt: new Date(now + ttlSeconds * 1000).toISOString(),
    token: randomUUID(),
  };
}

/** The same lock, valid for another `ttlSeconds` from now, under a new token. */
export function renewedLock(lock: LockRecord, ttlSeconds: number): LockRecord {
  return { ...lock, expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString(), token: randomUUID() };
}

const isExpired = (lock: LockRecord, now = Date.now()): boolean => Date.parse(lock.expiresAt) <= now;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The holder runs on this machine and its process is gone: its heartbeat has stopped for good. */
const holderGone = (lock: LockRecord): boolean =>
  lock.holder.host === hostname() && !processAlive(lock.holder.pid);

/** A lock nobody keeps alive any more: expired, or its holder's process on this host has ended. */
export const isStale = (lock: LockRecord, now = Date.now()): boolean =>
  isExpired(lock, now) || holderGone(lock);

/** Why a lock is stale, in words; undefined when it is not. */
export function whyStale(lock: LockRecord, now = Date.now()): string | undefined {
  if (holderGone(lock)) return `its process (pid ${lock.holder.pid}) no longer runs on this host`;
  if (isExpired(lock, now)) return `it was not renewed and expired at ${lock.expiresAt}`;
  return undefined;
}
