import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { errorsAlarm } from '../../../../test/helpers/alarms.js';
import { sandbox } from '../../../../test/helpers/sandbox.js';

describe('sandbox CloudWatch alarms', () => {
  it('creates alarms in INSUFFICIENT_DATA, sets their state, and describes them by name and state', async () => {
    const running = await sandbox();
    const cloudWatch = new CloudWatchClient(running.client);
    await cloudWatch.send(errorsAlarm('api-errors'));
    await cloudWatch.send(errorsAlarm('api-latency'));
    const created = await cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: ['api-errors'] }));
    expect(created.MetricAlarms).toEqual([
      expect.objectContaining({
        AlarmName: 'api-errors',
        AlarmArn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:api-errors',
        StateValue: 'INSUFFICIENT_DATA',
        StateUpdatedTimestamp: expect.any(Date),
      }),
    ]);

    await cloudWatch.send(
      new SetAlarmStateCommand({ AlarmName: 'api-errors', StateValue: 'ALARM', StateReason: 'test' }),
    );
    const inAlarm = await cloudWatch.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }));
    expect(inAlarm.MetricAlarms?.map((a) => [a.AlarmName, a.StateValue, a.StateReason])).toEqual([
      ['api-errors', 'ALARM', 'test'],
    ]);
    const all = await cloudWatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'api-' }));
    expect(all.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['api-errors', 'api-latency']);
  });

  it('pages with MaxRecords and NextToken', async () => {
    const running = await sandbox();
    const cloudWatch = new CloudWatchClient(running.client);
    for (const name of ['a', 'b', 'c']) await cloudWatch.send(errorsAlarm(name));
    const first = await cloudWatch.send(new DescribeAlarmsCommand({ MaxRecords: 2 }));
    expect(first.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['a', 'b']);
    const second = await cloudWatch.send(
      new DescribeAlarmsCommand({ MaxRecords: 2, NextToken: first.NextToken }),
    );
    expect(second.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['c']);
    expect(second.NextToken).toBeUndefined();
  });

  it('answers an unknown alarm with ResourceNotFound and a bad state with InvalidParameterValueException', async () => {
    const running = await sandbox();
    const cloudWatch = new CloudWatchClient(running.client);
    await expect(
      cloudWatch.send(new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'ALARM', StateReason: 'x' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFound', $metadata: { httpStatusCode: 404 } });
    await cloudWatch.send(errorsAlarm('x'));
    await expect(
      cloudWatch.send(
        new SetAlarmStateCommand({ AlarmName: 'x', StateValue: 'BROKEN' as never, StateReason: 'x' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException', $metadata: { httpStatusCode: 400 } });
    await cloudWatch.send(new DeleteAlarmsCommand({ AlarmNames: ['x'] }));
    expect((await cloudWatch.send(new DescribeAlarmsCommand({}))).MetricAlarms).toEqual([]);
  });
});
