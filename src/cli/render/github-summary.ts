import { ConfigError, formatLocation, type OmnixError, WaitingForApprovalError } from '../../core/errors.js';
import { deploymentPlan } from '../../engine/plan/summary.js';
import { healthMarkdown } from '../../health/markdown.js';
import type { DeploymentRecord, HealthReport, PlanSummary } from '../../records/index.js';
import { createStyle } from '../style.js';
import { renderPlan } from './plan.js';

/** `text` in a fenced block no line of it can close: the fence is longer than any run of backticks in it. */
export function fenced(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

/** Text from outside (a response body, a function's error) shown as text, not as HTML. */
const noHtml = (text: string) => text.replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A table cell: no line breaks, no column separators, no HTML. */
const cell = (text: string) => noHtml(text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|'));

/** A health report under a heading of the given level (the report's own headings move down with it). */
export function healthSummary(report: HealthReport, level = 4): string {
  const shown: HealthReport = {
    ...report,
    checks: report.checks.map((check) => ({
      ...check,
      name: noHtml(check.name),
      message: noHtml(check.message),
      ...(check.hint !== undefined ? { hint: noHtml(check.hint) } : {}),
      ...(check.details ? { details: check.details.map(noHtml) } : {}),
    })),
  };
  return healthMarkdown(shown).replace(
    /^(#+) /gm,
    (_, hashes: string) => `${'#'.repeat(hashes.length + level - 1)} `,
  );
}

/** The plan as a person reads it on a terminal, under a heading. */
export function planMarkdown(plan: PlanSummary): string {
  const environment = plan.environment;
  if (plan.nothingToDo) return `### Plan for ${environment}\n\nNothing to change.`;
  const text = renderPlan(plan, createStyle(false)).split('\n').slice(1).join('\n');
  return `### Plan for ${environment}\n\n${fenced(text)}`;
}

const TITLES: Record<DeploymentRecord['status'], string> = {
  succeeded: '✅ succeeded',
  failed: '❌ failed',
  rolled_back: '↩️ failed and was rolled back',
  interrupted: '⚠️ interrupted',
  in_progress: '⏳ in progress',
};

/** A finished deployment (or promotion, rollback, recovery): outcome, facts, errors, plan, health. */
export function deploymentSummary(record: DeploymentRecord): string {
  const what = record.promotedFrom
    ? `Promotion of ${record.promotedFrom.environment} v${record.promotedFrom.release} to ${record.environment}`
    : record.rollbackTo !== undefined
      ? `Rollback of ${record.environment} to v${record.rollbackTo}`
      : `Deployment of ${record.environment}`;
  const took = record.finishedAt ? Date.parse(record.finishedAt) - Date.parse(record.startedAt) : undefined;
  const rows: Array<[string, string | undefined]> = [
    ['Deployment', record.id],
    ['Release', record.release !== undefined ? `v${record.release}` : undefined],
    ['Took', took !== undefined && Number.isFinite(took) ? `${(took / 1000).toFixed(1)} s` : undefined],
    ['By', record.caller.user],
    ['Site', record.outputs?.siteUrl],
    ['API', record.outputs?.apiUrl],
  ];
  const lines = [
    `### ${what}: ${TITLES[record.status]}`,
    '',
    '| | |',
    '| --- | --- |',
    ...rows.flatMap(([name, value]) => (value ? [`| ${name} | ${cell(value)} |`] : [])),
    '',
  ];
  if (record.errors.length > 0)
    lines.push(
      '**Errors**',
      '',
      fenced(record.errors.map((error) => `${error.code}: ${error.message}`).join('\n')),
      '',
    );
  if (record.rollback)
    lines.push(
      `**Automatic rollback**: ${record.rollback.outcome} in ${record.rollback.durationMs} ms${record.rollback.differences?.length ? `; still different: ${cell(record.rollback.differences.join('; '))}` : ''}`,
      '',
    );
  const plan = deploymentPlan(record);
  if (plan) lines.push(planMarkdown(plan).replace(/^### /, '#### '), '');
  for (const report of record.health ?? []) lines.push(healthSummary(report), '');
  return lines.join('\n');
}

/** An error that ended a command: what it says and what to do, and for configuration errors where. */
export function errorSummary(error: OmnixError): string {
  const heading =
    error instanceof WaitingForApprovalError
      ? '### ⏸️ Waiting for an approval: nothing changed'
      : `### ❌ omnix stopped: ${error.code}`;
  const text =
    error instanceof ConfigError
      ? error.issues
          .map((issue) => `${formatLocation(issue)} ${issue.path ? `${issue.path}: ` : ''}${issue.message}`)
          .join('\n')
      : error.message;
  return [heading, '', fenced(text), ...(error.hint ? ['', fenced(error.hint)] : [])].join('\n');
}
