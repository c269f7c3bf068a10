import type { AwsClients } from '../../providers/aws/clients.js';
import type { AlarmBaseline } from '../../records/index.js';
import type { CheckContext, Finding, HealthCheck } from '../types.js';

type AlarmCheck = Extract<HealthCheck, { type: 'cloudwatch-alarm' }>;

/** The state of each named alarm; a name CloudWatch does not know is absent. */
export async function alarmStates(
  clients: AwsClients,
  names: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  // Loaded here, not with the module: deployments without alarm checks never need this SDK.
  const cloudWatch = await clients.cloudWatch();
  const { DescribeAlarmsCommand } = await import('@aws-sdk/client-cloudwatch');
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

/** Before a deployment changes anything: which of the checks' alarms are in which state. */
export async function alarmBaseline(
  clients: AwsClients,
  checks: readonly HealthCheck[],
): Promise<AlarmBaseline> {
  const names = [
    ...new Set(checks.flatMap((check) => (check.type === 'cloudwatch-alarm' ? check.alarms : []))),
  ];
  if (names.length === 0) return {};
  return Object.fromEntries(await alarmStates(clients, names));
}

/**
 * No named alarm went into ALARM because of this release. One already in ALARM before the deployment
 * started (the baseline) is reported as a warning, so a hotfix for it can still go out.
 */
export async function alarmCheck(
  check: AlarmCheck,
  context: Pick<CheckContext, 'clients' | 'baseline' | 'signal'>,
): Promise<Finding> {
  const states = await alarmStates(context.clients, check.alarms, context.signal);
  const missing = check.alarms.filter((name) => !states.has(name));
  const firing = check.alarms.filter((name) => states.get(name) === 'ALARM');
  const newlyFiring = firing.filter((name) => context.baseline?.[name] !== 'ALARM');
  const alreadyFiring = firing.filter((name) => context.baseline?.[name] === 'ALARM');
  const details = [
    ...missing.map((name) => `${name}: no such alarm`),
    ...newlyFiring.map(
      (name) => `${name}: in ALARM${context.baseline ? ' since the deployment started' : ''}`,
    ),
    ...alreadyFiring.map((name) => `${name}: in ALARM already before the deployment started (baseline)`),
  ];
  if (missing.length > 0 || newlyFiring.length > 0)
    return {
      status: 'fail',
      message: details.slice(0, missing.length + newlyFiring.length).join('; '),
      details,
      ...(missing.length > 0
        ? { hint: 'Check the alarm names in health.checks (DescribeAlarms found none by that name).' }
        : {}),
    };
  if (alreadyFiring.length > 0) return { status: 'warn', message: details.join('; '), details };
  return {
    status: 'pass',
    message: check.alarms.map((name) => `${name}: ${states.get(name)}`).join(', '),
  };
}
