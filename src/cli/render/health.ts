import { latency } from '../../health/markdown.js';
import type { HealthReport } from '../../records/index.js';
import type { Style } from '../style.js';
import { renderTable, statusMarks } from './table.js';

/** A health report as a terminal table: a title line, a row per check, then the hints of what did not pass. */
export function renderHealthReport(report: HealthReport, style: Style, title: string): string {
  const mark = statusMarks(style);
  const heading = `${title}: ${mark[report.status]} (${report.checks.length} check(s), ${report.durationMs} ms)`;
  if (report.checks.length === 0) return `${heading}\nno health checks are configured (health.checks)`;
  const table = renderTable(
    ['CHECK', 'TYPE', 'STATUS', 'TIME', 'LATENCY p50/p95/p99', 'RESULT'],
    report.checks.map((check) => [
      check.name,
      check.type,
      mark[check.status],
      `${check.durationMs} ms`,
      latency(check),
      check.message,
    ]),
  );
  const hints = report.checks
    .filter((check) => check.status !== 'pass' && check.hint)
    .map((check) => style.dim(`${check.name}: ${check.hint}`));
  const cause = report.cause ? [`${report.cause.message}`, style.dim(report.cause.hint)] : [];
  return [heading, ...cause, table, ...hints].join('\n');
}
