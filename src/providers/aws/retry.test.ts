import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../test/helpers/sandbox.js';
import { createAwsClients } from './clients.js';
import { budgetedRetryStrategy } from './retry.js';

const policy = { budgetMs: 60_000, maxAttempts: 100, adaptive: false };

describe('budgeted retry strategy', () => {
  it('retries throttling and transient errors (500, 502-504, network), never a client error or a 501', async () => {
    const strategy = budgetedRetryStrategy(policy, { now: () => 0, random: () => 0.5 });
    const first = await strategy.acquireInitialRetryToken('');
    for (const errorType of ['THROTTLING', 'TRANSIENT'] as const)
      expect((await strategy.refreshRetryTokenForRetry(first, { errorType })).getRetryCount()).toBe(1);
    await expect(strategy.refreshRetryTokenForRetry(first, { errorType: 'CLIENT_ERROR' })).rejects.toThrow();
    await expect(strategy.refreshRetryTokenForRetry(first, { errorType: 'SERVER_ERROR' })).rejects.toThrow();
  });

  it('keeps retrying past the standard retry quota, until the call has spent its budget', async () => {
    let clock = 0;
    const strategy = budgetedRetryStrategy(policy, { now: () => clock, random: () => 1 });
    let token = await strategy.acquireInitialRetryToken('');
    let retries = 0;
    try {
      for (;;) {
        token = await strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' });
        clock += token.getRetryDelay();
        retries++;
      }
    } catch {
      // the budget ran out
    }
    expect(clock).toBeLessThanOrEqual(60_000);
    expect(clock).toBeGreaterThan(50_000);
    expect(retries).toBeGreaterThan(5);
  });

  it('backs off exponentially with full jitter, capped, and honours Retry-After', async () => {
    const strategy = budgetedRetryStrategy(policy, { now: () => 0, random: () => 1 });
    const delays: number[] = [];
    let token = await strategy.acquireInitialRetryToken('');
    for (let i = 0; i < 8; i++) {
      token = await strategy.refreshRetryTokenForRetry(token, { errorType: 'TRANSIENT' });
      delays.push(token.getRetryDelay());
    }
    expect(delays).toEqual([400, 800, 1600, 3200, 6400, 10_000, 10_000, 10_000]);
    const hinted = await strategy.refreshRetryTokenForRetry(token, {
      errorType: 'THROTTLING',
      retryAfterHint: new Date(30_000),
    });
    expect(hinted.getRetryDelay()).toBe(30_000);
  });

  it('stops at the configured attempts', async () => {
    const strategy = budgetedRetryStrategy({ ...policy, maxAttempts: 2 }, { now: () => 0, random: () => 0 });
    const token = await strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(''), {
      errorType: 'THROTTLING',
    });
    await expect(strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' })).rejects.toThrow();
  });
});

describe('clients under throttling', () => {
  it('a call throttled more often than the SDK would retry still succeeds', async () => {
    const running = await sandbox();
    const clients = createAwsClients({ ...running.client, maxAttempts: 20, retryBudgetSeconds: 120 });
    const s3 = await clients.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'throttled' }));
    running.faults.configure({
      rules: [{ service: 's3', operation: 'HeadBucket', throttle: true, times: 6 }],
    });
    const head = await s3.send(new HeadBucketCommand({ Bucket: 'throttled' }));
    expect(head.$metadata.attempts).toBe(7);
  }, 120_000);
});

describe('an endpoint that refuses connections', () => {
  it('is tried a few times, not for the whole budget', async () => {
    const strategy = budgetedRetryStrategy(policy, { now: () => 0, random: () => 0 });
    const refused = {
      errorType: 'TRANSIENT' as const,
      error: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    };
    let token = await strategy.acquireInitialRetryToken('');
    token = await strategy.refreshRetryTokenForRetry(token, refused);
    token = await strategy.refreshRetryTokenForRetry(token, refused);
    await expect(strategy.refreshRetryTokenForRetry(token, refused)).rejects.toThrow();
  });
});
