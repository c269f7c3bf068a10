import { randomUUID } from 'node:crypto';
import type { LockRecord } from './records.js';

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

export const isExpired = (lock: LockRecord, now = Date.now()): boolean => Date.parse(lock.expiresAt) <= now;
