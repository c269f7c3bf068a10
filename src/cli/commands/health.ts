import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../core/errors.js';
import { healthNow } from '../../engine/health-now.js';
import { healthMarkdown, latency } from '../../health/markdown.js';
import type { HealthReport } from '../../health/types.js';
import type { CommandContext } from '../io.js';
import { renderTable } from '../render/table.js';
import { createStyle, type Style } from '../style.js';

const FORMATS = ['md'];

/** `omnix health <env>`: the checks against the live release; a table, JSON, or a Markdown report. */
export async function healthCommand(
  context: CommandContext,
  environment: string,
  flags: { report?: string; output?: string },
): Promise<number> {
  if (flags.report !== undefined && !FORMATS.includes(flags.report))
    throw new UsageError('UnknownReportFormat', `unknown report format '${flags.report}'`, {
      hint: `Known formats: ${FORMATS.join(', ')}.`,
    });
  if (flags.output !== undefined && flags.report === undefined)
    throw new UsageError('OutputWithoutReport', '--output names where --report writes; give --report md too');
  const report = await healthNow({
    environment,
    configDir: context.configDir,
    cwd: context.io.cwd,
    env: context.io.env,
    // The table comes at the end; progress lines only for machines.
    report: (event) => {
      if (context.json) context.print(JSON.stringify({ type: 'event', ...event }));
    },
  });
  let written: string | undefined;
  if (flags.report === 'md') {
    written = resolve(context.io.cwd, flags.output ?? `health-${environment}.md`);
    await writeFile(written, healthMarkdown(report));
  }
  if (context.json)
    context.print(JSON.stringify({ type: 'report', ...report, ...(written ? { written } : {}) }));
  else {
    context.print(renderReport(report, createStyle(context.color)));
    if (written) context.print(`report written to ${written}`);
  }
  return report.status === 'fail' ? ExitCode.DeploymentFailed : ExitCode.Ok;
}

function renderReport(report: HealthReport, style: Style): string {
  const mark = { pass: style.green('pass'), warn: style.yellow('warn'), fail: style.red('fail') };
  const title = `${style.bold(report.environment)}${report.release !== undefined ? ` release v${report.release}` : ' (no release yet)'}: ${mark[report.status]} (${report.checks.length} check(s), ${report.durationMs} ms)`;
  if (report.checks.length === 0) return `${title}\nno health checks are configured (health.checks)`;
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
  return [title, table, ...hints].join('\n');
}
