import type { ValidationReport } from '../../validate/types.js';
import type { Style } from '../style.js';
import { renderTable, statusMarks } from './table.js';

/** A validation report as a terminal table: a title line, a row per check, then details and hints. */
export function renderValidationReport(report: ValidationReport, style: Style): string {
  const mark = statusMarks(style);
  const heading = `validation of ${report.environment}: ${mark[report.status]} (${report.checks.length} check(s), ${report.durationMs} ms)`;
  const table = renderTable(
    ['CHECK', 'STATUS', 'TIME', 'RESULT'],
    report.checks.map((check) => [check.name, mark[check.status], `${check.durationMs} ms`, check.message]),
  );
  const cause = report.rootCause
    ? [`${style.red('cannot validate:')} ${report.rootCause.message}`, style.dim(report.rootCause.hint)]
    : [];
  const notes = report.checks
    .filter((check) => check.status !== 'pass')
    .flatMap((check) => [
      ...(check.details ?? []).map((detail) => `  ${check.name}: ${detail}`),
      ...(check.hint ? [style.dim(`${check.name}: ${check.hint}`)] : []),
    ]);
  return [heading, ...cause, table, ...notes].join('\n');
}
