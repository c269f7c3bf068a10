/**
 * When Lambda deprecates each managed runtime (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html):
 * from that day it gets no security patches, and soon after functions can no longer be created or
 * updated with it. Runtimes not listed are not known to be deprecated.
 */
export const RUNTIME_DEPRECATION: Record<string, string> = {
  nodejs: '2016-10-31',
  'nodejs4.3': '2020-03-05',
  'nodejs6.10': '2019-08-12',
  'nodejs8.10': '2020-03-06',
  'nodejs10.x': '2021-07-30',
  'nodejs12.x': '2023-03-31',
  'nodejs14.x': '2023-12-04',
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'nodejs22.x': '2027-04-30',
  'nodejs24.x': '2028-04-30',
  'python2.7': '2021-07-15',
  'python3.6': '2022-07-18',
  'python3.7': '2023-12-04',
  'python3.8': '2024-10-14',
  'python3.9': '2025-12-15',
  'python3.10': '2026-06-30',
  'python3.11': '2026-06-30',
  'python3.12': '2028-10-31',
  'python3.13': '2029-06-30',
  'python3.14': '2029-06-30',
  java8: '2024-01-08',
  'java8.al2': '2026-06-30',
  java11: '2026-06-30',
  java17: '2026-06-30',
  java21: '2029-06-30',
  java25: '2029-06-30',
  dotnet6: '2024-11-12',
  dotnet7: '2024-05-14',
  dotnet8: '2026-11-10',
  dotnet10: '2028-11-14',
  'ruby2.5': '2021-07-30',
  'ruby2.7': '2023-11-27',
  'ruby3.2': '2026-03-31',
  'ruby3.3': '2027-03-31',
  'ruby3.4': '2028-03-31',
  'go1.x': '2024-01-08',
  provided: '2024-01-08',
  'provided.al2': '2026-06-30',
  'provided.al2023': '2029-06-30',
};

/** How far ahead a coming deprecation is a warning. */
const WARN_DAYS = 90;

export type RuntimeSupport =
  | { state: 'supported' }
  | { state: 'deprecating'; on: string; days: number }
  | { state: 'deprecated'; on: string };

export function runtimeSupport(runtime: string, now: Date): RuntimeSupport {
  const on = RUNTIME_DEPRECATION[runtime];
  if (!on) return { state: 'supported' };
  const days = Math.ceil((Date.parse(`${on}T00:00:00Z`) - now.getTime()) / 86_400_000);
  if (days <= 0) return { state: 'deprecated', on };
  return days <= WARN_DAYS ? { state: 'deprecating', on, days } : { state: 'supported' };
}

/** The newest supported runtime of the same language, to suggest. */
export function newestOfFamily(runtime: string, now: Date): string | undefined {
  const family = /^[a-z]+/.exec(runtime)?.[0];
  return Object.entries(RUNTIME_DEPRECATION)
    .filter(
      ([name]) => /^[a-z]+/.exec(name)?.[0] === family && runtimeSupport(name, now).state === 'supported',
    )
    .sort(
      ([nameA, a], [nameB, b]) => b.localeCompare(a) || nameB.localeCompare(nameA, 'en', { numeric: true }),
    )[0]?.[0];
}
