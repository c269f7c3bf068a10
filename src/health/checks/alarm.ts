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
  const { alarmStates: read } = await import('../../providers/aws/alarms.js');
  return read(await clients.cloudWatch(), names, signal);
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
