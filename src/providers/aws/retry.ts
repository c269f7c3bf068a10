import { DefaultRateLimiter } from '@smithy/core/retry';
import { connectError } from './root-cause.js';

/** What the SDK's retry middleware tells a retry strategy about a failed attempt. */
interface RetryErrorInfo {
  errorType: 'TRANSIENT' | 'THROTTLING' | 'SERVER_ERROR' | 'CLIENT_ERROR';
  retryAfterHint?: Date;
  error?: unknown;
}

interface BudgetToken {
  getRetryCount(): number;
  getRetryDelay(): number;
  readonly startedAt: number;
}

export interface RetryPolicy {
  /** How long one call keeps being retried, from its first attempt. */
  budgetMs: number;
  /** Attempts per call, including the first. */
  maxAttempts: number;
  /** Client-side rate limiting that slows down under throttling (the SDK's adaptive mode). */
  adaptive: boolean;
}

/**
 * As the SDK's standard strategy: throttling, and transient errors (500, 502, 503, 504, timeouts,
 * connections lost). Other 5xx answers (501 Not Implemented, say) do not get better by asking again.
 */
const RETRIED = new Set<RetryErrorInfo['errorType']>(['THROTTLING', 'TRANSIENT']);

/** A connection refused or a name not found is seldom fixed by waiting: a few quick tries, then the cause. */
const CONNECT_ATTEMPTS = 3;

/** Backoff grows from 200 ms and is capped, so a long budget does not turn into long silences. */
const BASE_DELAY_MS = 200;
const MAX_DELAY_MS = 10_000;

/**
 * The SDK's retry strategy interface, with a time budget instead of the standard strategy's retry
 * quota (which a steady share of throttled answers drains, so every later call fails at its first
 * error). Throttling and transient errors (500, 502-504, network) are retried with exponential backoff and full jitter
 * while the call's budget and attempts last (an endpoint that refuses connections: a few times); a
 * client error never is. Retrying is safe for every call
 * omnix makes: each is idempotent (reads, puts, alias and stage updates), idempotent in effect
 * (CreateInvalidation by its CallerReference, CreateDeployment with the stage it points), or guarded
 * by a precondition that refuses a repeat (PublishVersion's RevisionId, conditional lock writes).
 * The agent's recoveries decide for themselves, step by step, in `src/agent/recovery/steps.ts`.
 */
export function budgetedRetryStrategy(
  policy: RetryPolicy,
  { now = Date.now, random = Math.random }: { now?: () => number; random?: () => number } = {},
) {
  const limiter = policy.adaptive ? new DefaultRateLimiter() : undefined;
  const token = (startedAt: number, count: number, delay: number): BudgetToken => ({
    startedAt,
    getRetryCount: () => count,
    getRetryDelay: () => delay,
  });
  return {
    mode: policy.adaptive ? 'adaptive' : 'standard',
    async acquireInitialRetryToken(_scope: string): Promise<BudgetToken> {
      await limiter?.getSendToken();
      return token(now(), 0, 0);
    },
    async refreshRetryTokenForRetry(previous: BudgetToken, info: RetryErrorInfo): Promise<BudgetToken> {
      limiter?.updateClientSendingRate(info);
      const count = previous.getRetryCount() + 1;
      const attempts = connectError(info.error)
        ? Math.min(CONNECT_ATTEMPTS, policy.maxAttempts)
        : policy.maxAttempts;
      if (!RETRIED.has(info.errorType) || count >= attempts) throw new Error('not retried');
      const backoff = random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** count);
      const delay = Math.max(backoff, (info.retryAfterHint?.getTime() ?? 0) - now());
      if (now() + delay - previous.startedAt > policy.budgetMs) throw new Error('retry budget spent');
      await limiter?.getSendToken();
      return token(previous.startedAt, count, delay);
    },
    recordSuccess(_token: BudgetToken): void {
      limiter?.updateClientSendingRate({});
    },
  };
}
