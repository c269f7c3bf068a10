import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { healthNow } from '../../actions/inspect/health-now.js';
import { ExitCode, UsageError } from '../../core/errors.js';
import { healthMarkdown } from '../../health/markdown.js';
import type { CommandContext } from '../io.js';
import { githubHealth } from '../render/github-hooks.js';
import { renderHealthReport } from '../render/health.js';
import { readOptions } from '../state-access.js';
import { createStyle } from '../style.js';

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
  // The table comes at the end; progress lines only for machines.
  const report = await healthNow(
    readOptions(context, environment, (event) => {
      if (context.json) context.print(JSON.stringify({ type: 'event', ...event }));
    }),
  );
  await githubHealth(context.io, report);
  let written: string | undefined;
  if (flags.report === 'md') {
    written = resolve(context.io.cwd, flags.output ?? `health-${environment}.md`);
    await writeFile(written, healthMarkdown(report));
  }
  if (context.json)
    context.print(JSON.stringify({ type: 'report', ...report, ...(written ? { written } : {}) }));
  else {
    const title = `${report.environment}${report.release !== undefined ? ` release v${report.release}` : ' (no release yet)'}`;
    context.print(renderHealthReport(report, createStyle(context.color), title));
    if (written) context.print(`report written to ${written}`);
  }
  return report.status === 'fail' ? ExitCode.DeploymentFailed : ExitCode.Ok;
}
