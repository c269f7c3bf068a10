import { deploymentPlan } from '../../engine/plan/summary.js';
import { hourBlock, weekdayName } from '../risk/encode.js';
import { type Advice, type AdviceRule, finishedDeployments, percent } from './advice.js';

const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
const phaseMs = (record: { phases: Array<{ name: string; durationMs?: number }> }, name?: string) =>
  total(record.phases.filter((phase) => !name || phase.name === name).map((phase) => phase.durationMs ?? 0));

/** How much deployment time goes to the apply phase of deployments that invalidate, and how many paths they invalidate. */
export const invalidationWaits: AdviceRule = ({ environment, config, records }) => {
  const invalidating = finishedDeployments(records).filter(
    (record) => (deploymentPlan(record)?.invalidationPaths ?? []).length > 0,
  );
  if (invalidating.length < 3 || !config.frontend) return [];
  const all = total(invalidating.map((record) => phaseMs(record)));
  const apply = total(invalidating.map((record) => phaseMs(record, 'apply')));
  const paths = invalidating.map((record) => deploymentPlan(record)!.invalidationPaths!.length);
  const wildcard = invalidating.filter((record) =>
    deploymentPlan(record)!.invalidationPaths!.some((path) => path.endsWith('*')),
  ).length;
  const waits = config.frontend.invalidation.wait;
  if (apply / Math.max(all, 1) < 0.3 && paths.every((count) => count <= config.frontend!.entryPoints.length))
    return [];
  return [
    {
      id: 'invalidation-wait',
      environment,
      title: `invalidations: ${percent(apply, all)} of deployment time is the apply phase that uploads and ${waits ? 'waits for the invalidation' : 'invalidates'}`,
      evidence: [
        `${invalidating.length} deployment(s) invalidated on average ${(total(paths) / paths.length).toFixed(1)} path(s); ${wildcard} used a wildcard`,
        `apply phase: ${(apply / 1000).toFixed(1)} s of ${(all / 1000).toFixed(1)} s in those deployments`,
        `entry points (re-invalidated on every change): ${config.frontend.entryPoints.join(', ')}`,
      ],
      change:
        'give assets content-hashed names (app.3f2a1c.js) with an immutable frontend.cacheControl rule so only entry points need invalidating, keep frontend.entryPoints to the few files served under fixed names' +
        (waits
          ? ', and consider frontend.invalidation.wait: false where a few minutes of stale entry points are acceptable'
          : ''),
    },
  ];
};

/** Health checks that passed only after retrying, in verifications: a flaky check hides real failures and slows deployments. */
export const flakyHealthChecks: AdviceRule = ({ environment, records }) => {
  const runs = new Map<string, { runs: number; retried: number }>();
  for (const record of records)
    for (const report of record.health ?? [])
      for (const check of report.checks) {
        const seen = runs.get(check.name) ?? { runs: 0, retried: 0 };
        seen.runs++;
        if (check.status === 'pass' && check.attempts > 1) seen.retried++;
        runs.set(check.name, seen);
      }
  return [...runs]
    .filter(([, seen]) => seen.retried >= 2 && seen.retried / seen.runs >= 0.1)
    .map(([name, seen]) => ({
      id: 'flaky-health-check',
      environment,
      title: `health check ${name} often passes only on retry`,
      evidence: [`${seen.retried} of ${seen.runs} runs passed after more than one attempt`],
      change: `find why ${name} fails at first (cold start, a dependency warming up); raise its timeout or fix the endpoint instead of relying on health.retries`,
    }));
};

/** Weekdays or UTC hours whose failure rate clearly exceeds the environment's. */
export const failureTimes: AdviceRule = ({ environment, records }) => {
  const finished = finishedDeployments(records);
  const failed = (list: typeof finished) => list.filter((record) => record.status !== 'succeeded').length;
  const overall = failed(finished) / Math.max(finished.length, 1);
  const groups = new Map<string, typeof finished>();
  for (const record of finished) {
    const at = new Date(record.startedAt);
    for (const key of [`on ${weekdayName(at.getUTCDay())}s`, `between ${hourBlock(at.getUTCHours())}`])
      groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  const found: Advice[] = [];
  for (const [when, list] of groups) {
    const rate = failed(list) / list.length;
    if (list.length < 5 || rate < 2 * overall || rate - overall < 0.2) continue;
    found.push({
      id: 'failure-time',
      environment,
      title: `deployments ${when} fail more often`,
      evidence: [
        `${failed(list)} of ${list.length} failed (${percent(failed(list), list.length)}), against ${percent(failed(finished), finished.length)} overall`,
      ],
      change: `avoid deploying ${environment} ${when}, or require approvals (approvals.required: true) then`,
    });
  }
  return found;
};

/** All-at-once rollouts of an environment whose deployments fail often, or whose latest plan was high risk. */
export const canaryForRisk: AdviceRule = ({ environment, config, records }) => {
  if (config.rollout.strategy === 'canary' || !config.backend) return [];
  const recent = finishedDeployments(records).slice(0, 20);
  const failures = recent.filter((record) => record.status !== 'succeeded').length;
  const risk = recent[0] && deploymentPlan(recent[0])?.agent?.risk;
  const high = risk?.level === 'high';
  if (!high && (recent.length < 5 || failures / recent.length < 0.3)) return [];
  return [
    {
      id: 'canary-for-risk',
      environment,
      title: `${environment} releases all at once although its deployments are risky`,
      evidence: [
        `${failures} of the last ${recent.length} deployments failed or rolled back`,
        ...(high ? [`the latest plan's risk was ${risk?.score} (high)`] : []),
      ],
      change:
        'set rollout.strategy: canary (or deploy with --safe-mode) so a bad release reaches a share of the traffic first',
    },
  ];
};

/** Upload and function-update concurrency that makes deployments wait in line. */
export const concurrency: AdviceRule = ({ environment, config, records }) => {
  const finished = finishedDeployments(records).slice(0, 20);
  if (finished.length < 3) return [];
  const found: Advice[] = [];
  const uploads = finished.map((record) => Number(deploymentPlan(record)?.frontend?.upload ?? 0));
  const typicalUploads = [...uploads].sort((a, b) => a - b)[Math.floor(uploads.length / 2)] ?? 0;
  if (config.frontend && typicalUploads >= 8 * config.frontend.concurrency)
    found.push({
      id: 'upload-concurrency',
      environment,
      title: `uploads wait in line: typically ${typicalUploads} files at ${config.frontend.concurrency} at a time`,
      evidence: [
        `median upload count of the last ${finished.length} deployments: ${typicalUploads}; frontend.concurrency: ${config.frontend.concurrency}`,
      ],
      change: `raise frontend.concurrency (to ${Math.min(256, config.frontend.concurrency * 4)})`,
    });
  const functions = finished.map(
    (record) =>
      (deploymentPlan(record)?.backend?.functions ?? []).filter((fn) => fn.action !== 'unchanged').length,
  );
  const most = Math.max(0, ...functions);
  if (config.backend && most > config.backend.concurrency)
    found.push({
      id: 'function-concurrency',
      environment,
      title: `function updates wait in line: up to ${most} functions change together, ${config.backend.concurrency} at a time`,
      evidence: [`most functions changed in one of the last ${finished.length} deployments: ${most}`],
      change: `raise backend.concurrency to ${Math.min(32, most)}`,
    });
  return found;
};
