import { describe, expect, it } from 'vitest';
import type { DeployEvent } from '../../core/events.js';
import type { DeploymentRecord } from '../../records/index.js';
import { recordRecoveries } from './record-recoveries.js';

const sdkError = (name: string, status: number) =>
  Object.assign(new Error(`${name} happened with secret-value-1`), {
    name,
    $metadata: { httpStatusCode: status },
  });

function setUp(phase = 'apply') {
  const events: DeployEvent[] = [];
  const recoveries = recordRecoveries({
    report: (event) => events.push(event),
    phase: () => phase,
    hide: (text) => text.replaceAll('secret-value-1', '***'),
  });
  const record = { recoveries: undefined } as unknown as DeploymentRecord;
  return { events, recoveries, record };
}

describe('recordRecoveries', () => {
  it('records a remedy that worked, with what it did, and reports it as info', async () => {
    const { events, recoveries, record } = setUp();
    recoveries.attach(record);
    const value = await recoveries.run('UpdateAlias', async () => {
      throw sdkError('ResourceConflictException', 409);
    }, [{ failure: 'lambda-update-in-progress', recover: async () => ({ value: 7, action: 'waited' }) }]);
    expect(value).toBe(7);
    expect(record.recoveries).toEqual([
      expect.objectContaining({
        failure: 'lambda-update-in-progress',
        operation: 'UpdateAlias',
        phase: 'apply',
        outcome: 'recovered',
        action: 'waited',
      }),
    ]);
    expect(events).toEqual([expect.objectContaining({ kind: 'info', phase: 'apply' })]);
  });

  it('rethrows when the remedy fails, records it as failed with the error (secrets hidden), and warns', async () => {
    const { events, recoveries, record } = setUp();
    recoveries.attach(record);
    const again = sdkError('ResourceConflictException', 409);
    await expect(
      recoveries.run('UpdateFunctionCode', () => Promise.reject(sdkError('ResourceConflictException', 409)), [
        { failure: 'lambda-update-in-progress', recover: () => Promise.reject(again) },
      ]),
    ).rejects.toBe(again);
    expect(record.recoveries?.[0]).toMatchObject({
      outcome: 'failed',
      error: { code: 'ResourceConflictException', message: 'ResourceConflictException happened with ***' },
    });
    expect(events[0]?.kind).toBe('warn');
  });

  it('does not repeat a step that is not idempotent after a 5xx, nor try a remedy for another failure', async () => {
    const { recoveries } = setUp();
    const failure = sdkError('InternalError', 500);
    let recovered = false;
    const remedy = {
      failure: 'service-unavailable' as const,
      recover: async () => {
        recovered = true;
        return { value: 'x', action: 'retried' };
      },
    };
    await expect(recoveries.run('CreateDeployment', () => Promise.reject(failure), [remedy])).rejects.toBe(
      failure,
    );
    await expect(
      recoveries.run('PutObject', () => Promise.reject(sdkError('AccessDenied', 403)), [remedy]),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(recovered).toBe(false);
    expect(await recoveries.run('PutObject', () => Promise.reject(failure), [remedy])).toBe('x');
  });

  it('keeps what was recovered before the record existed, and counts the SDK’s retries of one operation as one entry', () => {
    const { events, recoveries, record } = setUp();
    recoveries.sdkRetried({ operation: 'PutObject', retried: [sdkError('SlowDown', 503)] });
    recoveries.sdkRetried({
      operation: 'PutObject',
      retried: [sdkError('SlowDown', 503), sdkError('SlowDown', 503)],
    });
    recoveries.sdkRetried({ operation: 'PutObject', retried: [] });
    recoveries.attach(record);
    recoveries.sdkRetried({ operation: 'PutObject', retried: [sdkError('InternalError', 500)] });
    recoveries.sdkRetried({
      operation: 'GetObject',
      retried: [sdkError('InternalError', 500)],
      error: sdkError('InternalError', 500),
    });
    expect(record.recoveries).toEqual([
      expect.objectContaining({
        failure: 'throttling',
        operation: 'PutObject',
        attempts: 5,
        outcome: 'recovered',
        action: expect.stringContaining('2 calls recovered, 3 retries'),
      }),
      expect.objectContaining({
        failure: 'service-unavailable',
        operation: 'PutObject',
        outcome: 'recovered',
      }),
      expect.objectContaining({ failure: 'service-unavailable', operation: 'GetObject', outcome: 'failed' }),
    ]);
    expect(events.map((event) => event.kind)).toEqual(['info', 'info', 'warn']);
  });
});
