import type { ResolvedSandboxOptions } from '../../options.js';
import { Persistence } from '../../persistence.js';
import { AwsError } from '../../protocol/aws-error.js';
import { createJsonService, type JsonOperation } from '../../protocol/json-service.js';
import type { SandboxService } from '../../service.js';

const TARGET_PREFIX = 'GraniteServiceVersion20100801.';
const STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const;
type AlarmState = (typeof STATES)[number];

/** A metric alarm as the sandbox keeps it: what DescribeAlarms returns, timestamps in epoch seconds. */
interface MetricAlarm {
  AlarmName: string;
  AlarmArn: string;
  AlarmDescription?: string;
  MetricName?: string;
  Namespace?: string;
  Statistic?: string;
  Dimensions?: Array<{ Name: string; Value: string }>;
  Period?: number;
  EvaluationPeriods?: number;
  Threshold?: number;
  ComparisonOperator?: string;
  ActionsEnabled: boolean;
  StateValue: AlarmState;
  StateReason: string;
  StateReasonData?: string;
  StateUpdatedTimestamp: number;
  StateTransitionedTimestamp: number;
  AlarmConfigurationUpdatedTimestamp: number;
}

const COLLECTION = 'cloudwatch/alarms';

/** Query error codes → the JSON protocol's shape names, where they differ. */
const SHAPES: Record<string, string> = {
  InvalidParameterValue: 'InvalidParameterValueException',
  InvalidParameterCombination: 'InvalidParameterCombinationException',
  MissingParameter: 'MissingRequiredParameterException',
};

const invalid = (message: string) => new AwsError('InvalidParameterValue', message, 400);
const missing = (name: string) =>
  new AwsError('MissingParameter', `The parameter ${name} must be specified.`, 400);

/** CloudWatch alarms in the AWS JSON 1.0 protocol the SDK speaks (query-compatible error codes). */
export function createCloudWatchService(
  options: ResolvedSandboxOptions,
  persistence: Persistence,
): SandboxService {
  const alarms = new Map<string, MetricAlarm>();
  for (const alarm of persistence.readRecords<MetricAlarm>(COLLECTION)) alarms.set(alarm.AlarmName, alarm);
  const save = (alarm: MetricAlarm) => {
    alarms.set(alarm.AlarmName, alarm);
    persistence.writeRecord(COLLECTION, Persistence.safeName(alarm.AlarmName), alarm);
  };
  const now = () => Math.floor(Date.now() / 1000);

  const operations: Record<string, JsonOperation> = {
    PutMetricAlarm(body, request) {
      const name = requiredName(body.AlarmName);
      const existing = alarms.get(name);
      const time = now();
      save({
        AlarmName: name,
        AlarmArn: `arn:aws:cloudwatch:${request.scope?.region ?? 'us-east-1'}:${options.accountId}:alarm:${name}`,
        ...pick(body, [
          'AlarmDescription',
          'MetricName',
          'Namespace',
          'Statistic',
          'Dimensions',
          'Period',
          'EvaluationPeriods',
          'Threshold',
          'ComparisonOperator',
        ]),
        ActionsEnabled: body.ActionsEnabled !== false,
        StateValue: existing?.StateValue ?? 'INSUFFICIENT_DATA',
        StateReason: existing?.StateReason ?? 'Unchecked: Initial alarm creation',
        StateUpdatedTimestamp: existing?.StateUpdatedTimestamp ?? time,
        StateTransitionedTimestamp: existing?.StateTransitionedTimestamp ?? time,
        AlarmConfigurationUpdatedTimestamp: time,
      } as MetricAlarm);
      return {};
    },
    DescribeAlarms(body) {
      const names = body.AlarmNames as string[] | undefined;
      if (names !== undefined && (!Array.isArray(names) || names.length > 100))
        throw invalid('AlarmNames must be a list of at most 100 names.');
      const prefix = body.AlarmNamePrefix as string | undefined;
      if (names && prefix !== undefined)
        throw new AwsError(
          'InvalidParameterCombination',
          'AlarmNames and AlarmNamePrefix cannot be used together.',
          400,
        );
      const state = body.StateValue as string | undefined;
      if (state !== undefined && !(STATES as readonly string[]).includes(state))
        throw invalid(`StateValue must be one of ${STATES.join(', ')}.`);
      const types = body.AlarmTypes as string[] | undefined;
      const maxRecords = (body.MaxRecords as number | undefined) ?? 50;
      if (!Number.isInteger(maxRecords) || maxRecords < 1 || maxRecords > 100)
        throw invalid('MaxRecords must be between 1 and 100.');
      const matching = [...alarms.values()]
        .filter((alarm) => !names || names.includes(alarm.AlarmName))
        .filter((alarm) => prefix === undefined || alarm.AlarmName.startsWith(prefix))
        .filter((alarm) => state === undefined || alarm.StateValue === state)
        .sort((a, b) => a.AlarmName.localeCompare(b.AlarmName));
      const start = body.NextToken === undefined ? 0 : decodeToken(body.NextToken);
      const page = matching.slice(start, start + maxRecords);
      const next = start + maxRecords < matching.length ? encodeToken(start + maxRecords) : undefined;
      const wantsMetric = !types || types.includes('MetricAlarm');
      return {
        MetricAlarms: wantsMetric ? page : [],
        CompositeAlarms: [],
        ...(next ? { NextToken: next } : {}),
      };
    },
    SetAlarmState(body) {
      const name = requiredName(body.AlarmName);
      const alarm = alarms.get(name);
      if (!alarm) throw new AwsError('ResourceNotFound', `Alarm ${name} not found`, 404);
      const state = body.StateValue as string | undefined;
      if (state === undefined) throw missing('StateValue');
      if (!(STATES as readonly string[]).includes(state))
        throw invalid(`StateValue must be one of ${STATES.join(', ')}.`);
      const reason = body.StateReason;
      if (typeof reason !== 'string') throw missing('StateReason');
      if (reason.length > 1023) throw invalid('StateReason must be at most 1023 characters.');
      const data = body.StateReasonData as string | undefined;
      if (data !== undefined) {
        try {
          JSON.parse(data);
        } catch {
          throw new AwsError('InvalidFormat', 'StateReasonData is not valid JSON.', 400);
        }
      }
      const time = now();
      save({
        ...alarm,
        StateValue: state as AlarmState,
        StateReason: reason,
        ...(data !== undefined ? { StateReasonData: data } : {}),
        StateUpdatedTimestamp: time,
        StateTransitionedTimestamp: alarm.StateValue === state ? alarm.StateTransitionedTimestamp : time,
      });
      return {};
    },
    DeleteAlarms(body) {
      const names = body.AlarmNames as string[] | undefined;
      if (!Array.isArray(names)) throw missing('AlarmNames');
      const unknown = names.filter((name) => !alarms.has(name));
      if (unknown.length > 0) throw new AwsError('ResourceNotFound', `Alarm ${unknown[0]} not found`, 404);
      for (const name of names) {
        alarms.delete(name);
        persistence.deleteRecord(COLLECTION, Persistence.safeName(name));
      }
      return {};
    },
  };

  return createJsonService({
    name: 'monitoring',
    targetPrefix: TARGET_PREFIX,
    contentType: 'application/x-amz-json-1.0',
    operations,
    errorType: (code) => `com.amazonaws.cloudwatch#${SHAPES[code] ?? code}`,
    errorHeaders: (error) => ({
      'x-amzn-query-error': `${error.code};${error.status >= 500 ? 'Receiver' : 'Sender'}`,
    }),
  });
}

function requiredName(value: unknown): string {
  if (value === undefined) throw missing('AlarmName');
  if (typeof value !== 'string' || value.length < 1 || value.length > 255)
    throw invalid('AlarmName must be 1 to 255 characters.');
  return value;
}

function pick(body: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => body[key] !== undefined).map((key) => [key, body[key]]));
}

const encodeToken = (offset: number) => Buffer.from(`alarms:${offset}`).toString('base64');

function decodeToken(token: unknown): number {
  const match =
    typeof token === 'string' ? /^alarms:(\d+)$/.exec(Buffer.from(token, 'base64').toString()) : null;
  if (!match) throw new AwsError('InvalidNextToken', 'The NextToken is not valid.', 400);
  return Number(match[1]);
}
