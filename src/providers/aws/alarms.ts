import { type CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';

/** The state of each named alarm (metric or composite); a name CloudWatch does not know is absent. */
export async function alarmStates(
  cloudWatch: CloudWatchClient,
  names: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  const states = new Map<string, string>();
  for (let start = 0; start < names.length; start += 100) {
    let nextToken: string | undefined;
    do {
      const page = await cloudWatch.send(
        new DescribeAlarmsCommand({ AlarmNames: names.slice(start, start + 100), NextToken: nextToken }),
        signal ? { abortSignal: signal } : {},
      );
      for (const alarm of page.MetricAlarms ?? [])
        states.set(alarm.AlarmName!, alarm.StateValue ?? 'INSUFFICIENT_DATA');
      for (const alarm of page.CompositeAlarms ?? [])
        states.set(alarm.AlarmName!, alarm.StateValue ?? 'INSUFFICIENT_DATA');
      nextToken = page.NextToken;
    } while (nextToken);
  }
  return states;
}
