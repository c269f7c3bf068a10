import { type HttpRequestSpec, probe, unmet } from '../http-probe.js';
import { breaches, takeSamples } from '../samples.js';
import type { CheckContext, Finding, HealthCheck } from '../types.js';

type HttpCheck = Extract<HealthCheck, { type: 'http' }>;
type ApiCheck = Extract<HealthCheck, { type: 'api' }>;

export const httpCheck = (check: HttpCheck, context: CheckContext) => requestsFinding([check], context);

export function apiCheck(check: ApiCheck, context: CheckContext): Promise<Finding> {
  const base = check.baseUrl.replace(/\/+$/, '');
  return requestsFinding(
    check.endpoints.map((endpoint) => ({
      ...endpoint,
      url: `${base}${endpoint.path.startsWith('/') ? '' : '/'}${endpoint.path}`,
    })),
    context,
  );
}

/**
 * Each request once, judged by its expectation. When they all pass and thresholds are set, samples
 * (round-robin over the requests) measure latency and error rate.
 */
async function requestsFinding(requests: HttpRequestSpec[], context: CheckContext): Promise<Finding> {
  const problems: string[] = [];
  for (const request of requests) {
    const response = await probe(request, context.signal);
    problems.push(
      ...unmet(request.expect, response).map((problem) => `${request.method} ${request.url}: ${problem}`),
    );
  }
  if (problems.length > 0) return { status: 'fail', message: problems[0]!, details: problems };
  const { thresholds } = context;
  const summary =
    requests.length === 1 ? `${requests[0]!.method} ${requests[0]!.url}` : `${requests.length} endpoints`;
  if (!thresholds.latency && thresholds.maxErrorRate === undefined)
    return { status: 'pass', message: `${summary} answered as expected` };

  const { stats, problems: sampled } = await takeSamples(thresholds.latency?.samples ?? 20, async (index) => {
    const request = requests[index % requests.length]!;
    const response = await probe(request, context.signal);
    return { ms: response.ms, problems: unmet(request.expect, response) };
  });
  const broken = breaches(stats, thresholds);
  const figures = `p50 ${stats.p50Ms} ms, p95 ${stats.p95Ms} ms, p99 ${stats.p99Ms} ms over ${stats.samples} samples`;
  if (broken.length > 0)
    return {
      status: 'fail',
      message: broken.join('; '),
      details: [...broken, ...sampled],
      latency: stats,
      final: true,
      hint: 'Thresholds are health.latency and health.maxErrorRate.',
    };
  return { status: 'pass', message: `${summary} answered as expected; ${figures}`, latency: stats };
}
