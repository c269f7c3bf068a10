import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';

/** A metric alarm on a Lambda function's errors: what tests create to have an alarm to watch. */
export const errorsAlarm = (name: string) =>
  new PutMetricAlarmCommand({
    AlarmName: name,
    MetricName: 'Errors',
    Namespace: 'AWS/Lambda',
    Statistic: 'Sum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  });
