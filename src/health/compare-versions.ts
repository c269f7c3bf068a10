import { apiFunctionKey } from '../config/api-function.js';
import { apiFunctionKeys, configuredRoutes, matchRoute } from '../config/api-routes.js';
import type { CheckResult, SampleStats } from '../records/index.js';
import { proxyEventV1, proxyEventV2 } from './api-events.js';
import { invoke } from './checks/lambda.js';
import { fillOutputs } from './fill-outputs.js';
import { percent, type Sample, takeSamples } from './samples.js';
import type { CheckContext, HealthCheck } from './types.js';

/** One invocation the comparison sends to both versions, and how its result is judged. */
interface Probe {
  payload: unknown;
  /** For an API event: the status the check expects. */
  expectStatus?: number;
  /** For an API event: the payload format the function answers in (2.0 takes any answer as 200). */
  format?: '1.0' | '2.0';
}

export interface VersionPair {
  key: string;
  name: string;
  fromVersion: string;
  toVersion: string;
}

/**
 * Invokes the new and the old version directly, `samples` times each, with the payloads of the function's
 * `lambda` checks and, for each function the API invokes, API Gateway events (payload format 1.0 for a REST
 * API, 2.0 for an HTTP API) made from the checks under the API URL that its route serves.
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
      hint: `Add a lambda check for ${pair.key}${apiFunctionKeys(context.config.backend!).includes(pair.key) ? ', or an http check under ${outputs.apiUrl} that its route serves' : ''}.`,
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
    const answer = JSON.parse(payload) as unknown;
    const statusCode = (answer as { statusCode?: unknown } | null)?.statusCode;
    // Payload 2.0: an answer without statusCode is the body of a 200.
    status =
      probe.format === '2.0' && (typeof answer !== 'object' || statusCode === undefined) ? 200 : statusCode;
  } catch {
    return ['the function returned no API Gateway response'];
  }
  return status === probe.expectStatus ? [] : [`status ${String(status)}, expected ${probe.expectStatus}`];
}

/** The function key and route that serve `method path` on the configured API. */
function servingRoute(backend: NonNullable<CheckContext['config']['backend']>, method: string, path: string) {
  const routes = configuredRoutes(backend);
  if (!routes) {
    const key = apiFunctionKey(backend);
    return key ? { function: key, key: 'ANY /{proxy+}' } : undefined;
  }
  return matchRoute(routes, method, path);
}

async function probesFor(key: string, context: CheckContext): Promise<Probe[]> {
  const probes: Probe[] = [];
  const apiUrl = context.outputs.apiUrl?.replace(/\/+$/, '');
  const backend = context.config.backend;
  const api = backend?.api;
  const servesApi = backend !== undefined && api !== undefined && apiFunctionKeys(backend).includes(key);
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
      const pathAndQuery = request.url.slice(apiUrl.length) || '/';
      const route = servingRoute(backend!, request.method, new URL(pathAndQuery, 'http://api').pathname);
      if (route?.function !== key) continue;
      const http = api!.type === 'http';
      probes.push({
        payload: http
          ? proxyEventV2(request, pathAndQuery, api!.stage, route, apiUrl)
          : proxyEventV1(request, pathAndQuery, api!.stage, route),
        expectStatus: request.expect.status,
        format: http ? '2.0' : '1.0',
      });
    }
  }
  return probes;
}
