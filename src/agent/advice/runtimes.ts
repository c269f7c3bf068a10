/**
 * Lambda's deprecation dates of the managed runtimes (after which no security patches; creating and
 * later updating functions is blocked some weeks after). Sources: AWS Lambda developer guide, "Lambda
 * runtimes" (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html) and its
 * "Deprecated runtimes" table; cross-checked with https://endoflife.date/aws-lambda. Dates are
 * projected by AWS and may move: update this table when they do.
 */
export const RUNTIME_DEPRECATION: Record<string, string> = {
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'nodejs22.x': '2027-04-30',
  'nodejs24.x': '2028-04-30',
  'python3.8': '2024-10-14',
  'python3.9': '2025-12-15',
  'python3.10': '2026-06-30',
  'python3.11': '2026-06-30',
  'python3.12': '2028-10-31',
  'python3.13': '2029-06-30',
  'ruby3.2': '2026-03-31',
  'ruby3.3': '2027-03-31',
  dotnet8: '2026-11-10',
};

/** A runtime whose deprecation is this close counts as soon deprecated. */
export const SOON_DAYS = 180;
