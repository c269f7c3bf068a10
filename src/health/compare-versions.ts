import { randomUUID } from 'node:crypto';
import { apiFunctionKey } from '../config/api-function.js';
import type { CheckResult, SampleStats } from '../records/index.js';
import { invoke } from './checks/lambda.js';
import { fillOutputs } from './fill-outputs.js';
import { percent, type Sample, takeSamples } from './samples.js';
import type { CheckContext, HealthCheck } from './types.js';

/** One invocation the comparison sends to both versions, and how its result is judged. */
interface Probe {
  payload: unknown;
  /** For an API event: the status the check expects. */
  expectStatus?: number;
}

export interface VersionPair {
  key: string;
  name: string;
  fromVersion: string;
  toVersion: string;
}

/**
 * Invokes the new and the old version directly, `samples` times each, with the payloads of the function's
 * `lambda` checks and, for the API's function, API Gateway events made from the checks under the API URL.
 * The new version fails when it errs more often than the old one (beyond `maxErrorRate`), or its p95
 * latency exceeds the old one's by more than `maxLatencyIncreaseMs`.
 */
export async function compareVersions(
  pair: VersionPair,
  context: CheckContext,
  options: { samples: number; maxLatencyIncreaseMs: number },
): Promise<CheckResult> {
  const started = performance.now();
  const name = `canary ${pair.key}`;
  const result = (rest: Pick<CheckResult, 'status' | 'message'> & Partial<CheckResult>): CheckResult => ({
    name,
    type: 'canary',
    durationMs: Math.round(performance.now() - started),
    attempts: 1,
    ...rest,
  });
  const probes = await probesFor(pair.key, context);
  if (probes.length === 0)
    return result({
      status: 'warn',
      message: `nothing invokes ${pair.name} directly, so its versions were not compared`,
      hint: `Add a lambda check for ${pair.key}${pair.key === apiFunctionKey(context.config.backend!) ? ', or an http check under ${outputs.apiUrl}' : ''}.`,
    });
  const measure = (version: string) =>
    takeSamples(options.samples, async (index): Promise<Sample> => {
      const probe = probes[index % probes.length]!;
      const outcome = await invoke(context, pair.name, version, probe.payload);
      return { ms: outcome.ms, problems: judge(outcome.functionError, outcome.payload, probe) };
    });
  const [fresh, old] = [await measure(pair.toVersion), await measure(pair.fromVersion)];
  const allowed = Math.max(old.stats.errorRate, context.thresholds.maxErrorRate ?? 0);
  const problems: string[] = [];
  if (fresh.stats.errorRate > allowed)
    problems.push(
      `version ${pair.toVersion} failed ${percent(fresh.stats.errorRate)} of ${fresh.stats.samples} invocations, version ${pair.fromVersion} ${percent(old.stats.errorRate)}${fresh.problems[0] ? ` (${fresh.problems[0]})` : ''}`,
    );
  if (fresh.stats.p95Ms > old.stats.p95Ms + options.maxLatencyIncreaseMs)
    problems.push(
      `version ${pair.toVersion} p95 ${fresh.stats.p95Ms} ms, version ${pair.fromVersion} ${old.stats.p95Ms} ms: more than ${options.maxLatencyIncreaseMs} ms slower`,
    );
  const figures = `v${pair.toVersion}: ${describe(fresh.stats)}; v${pair.fromVersion}: ${describe(old.stats)}`;
  return result({
    status: problems.length > 0 ? 'fail' : 'pass',
    message: problems.length > 0 ? problems.join('; ') : figures,
    latency: fresh.stats,
    ...(problems.length > 0 ? { details: [...problems, figures, ...fresh.problems] } : {}),
  });
}

const describe = (stats: SampleStats) =>
  `${percent(stats.errorRate)} errors, p95 ${stats.p95Ms} ms over ${stats.samples}`;

function judge(functionError: string | undefined, payload: string, probe: Probe): string[] {
  if (functionError) return [functionError];
  if (probe.expectStatus === undefined) return [];
  let status: unknown;
  try {
    status = (JSON.parse(payload) as { statusCode?: unknown }).statusCode;
  } catch {
    return ['the function returned no API Gateway response'];
  }
  return status === probe.expectStatus ? [] : [`status ${String(status)}, expected ${probe.expectStatus}`];
}

async function probesFor(key: string, context: CheckContext): Promise<Probe[]> {
  const probes: Probe[] = [];
  const apiUrl = context.outputs.apiUrl?.replace(/\/+$/, '');
  const servesApi = context.config.backend && apiFunctionKey(context.config.backend) === key;
  for (const configured of context.config.health.checks) {
    const check = (await fillOutputs(configured, context.outputs).catch(() => undefined)) as
      | HealthCheck
      | undefined;
    if (!check) continue;
    if (check.type === 'lambda' && check.function === key) probes.push({ payload: check.payload });
    if (!servesApi || !apiUrl) continue;
    const requests =
      check.type === 'http'
        ? [check]
        : check.type === 'api'
          ? check.endpoints.map((endpoint) => ({
              ...endpoint,
              url: `${check.baseUrl.replace(/\/+$/, '')}${endpoint.path}`,
            }))
          : [];
    for (const request of requests) {
      if (!request.url.startsWith(`${apiUrl}/`) && request.url !== apiUrl) continue;
      probes.push({
        payload: proxyEvent(
          request,
          request.url.slice(apiUrl.length) || '/',
          context.config.backend?.api?.stage ?? '',
        ),
        expectStatus: request.expect.status,
      });
    }
  }
  return probes;
}

/** The event API Gateway's Lambda proxy integration (REST, payload 1.0) sends for this request. */
function proxyEvent(
  request: { method: string; headers: Record<string, unknown>; body?: string | undefined },
  pathAndQuery: string,
  stage: string,
) {
  const url = new URL(pathAndQuery, 'http://api');
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
  );
  const query = Object.fromEntries(url.searchParams);
  const hasQuery = Object.keys(query).length > 0;
  return {
    resource: '/{proxy+}',
    path: url.pathname,
    httpMethod: request.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery
      ? Object.fromEntries([...url.searchParams.keys()].map((name) => [name, url.searchParams.getAll(name)]))
      : null,
    pathParameters: { proxy: url.pathname.replace(/^\//, '') },
    stageVariables: null,
    requestContext: {
      resourcePath: '/{proxy+}',
      httpMethod: request.method,
      path: `/${stage}${url.pathname}`,
      stage,
      requestId: randomUUID(),
      identity: { sourceIp: '127.0.0.1', userAgent: 'omnix-canary' },
    },
    body: request.body ?? null,
    isBase64Encoded: false,
  };
}
