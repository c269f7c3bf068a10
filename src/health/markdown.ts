import type { CheckResult, HealthReport } from '../records/index.js';

const MARK = { pass: '✅ pass', warn: '⚠️ warn', fail: '❌ fail' } as const;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A health report a person can read: a summary, one table row per check, then every problem and hint. */
export function healthMarkdown(report: HealthReport): string {
  const failed = report.checks.filter((check) => check.status === 'fail');
  const warned = report.checks.filter((check) => check.status === 'warn');
  const lines = [
    `# Health of ${report.environment}${report.release !== undefined ? `, release v${report.release}` : ''}`,
    '',
    `**${MARK[report.status]}**: ${report.checks.length} check(s), ${failed.length} failed, ${warned.length} with warnings. Run ${report.stage} at ${report.startedAt}, took ${report.durationMs} ms.`,
    '',
  ];
  if (report.checks.length === 0) {
    lines.push('No health checks are configured (`health.checks`).', '');
    return lines.join('\n');
  }
  lines.push(
    '| Check | Type | Status | Time | Attempts | Latency p50 / p95 / p99 | Result |',
    '| --- | --- | --- | ---: | ---: | --- | --- |',
    ...report.checks.map(
      (check) =>
        `| ${cell(check.name)} | ${check.type} | ${MARK[check.status]} | ${check.durationMs} ms | ${check.attempts} | ${latency(check)} | ${cell(check.message)} |`,
    ),
    '',
  );
  const noted = report.checks.filter((check) => check.status !== 'pass');
  if (noted.length > 0) {
    lines.push('## What needs a look', '');
    for (const check of noted) {
      lines.push(`### ${check.name} (${check.status})`, '');
      for (const detail of check.details ?? [check.message]) lines.push(`- ${detail}`);
      if (check.hint) lines.push('', `Hint: ${check.hint}`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

export function latency(check: CheckResult): string {
  const stats = check.latency;
  if (!stats) return '';
  return `${stats.p50Ms} / ${stats.p95Ms} / ${stats.p99Ms} ms (${stats.samples} samples, ${Math.round(stats.errorRate * 1000) / 10}% errors)`;
}
