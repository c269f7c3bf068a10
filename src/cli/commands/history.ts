import { compareDeployments, type DeploymentComparison } from '../../actions/inspect/compare-deployments.js';
import { durationOf } from '../../actions/inspect/environment-status.js';
import { ExitCode } from '../../core/errors.js';
import { findInterrupted } from '../../engine/change/interrupted.js';
import { deploymentPlan } from '../../engine/plan/summary.js';
import type { DeploymentRecord } from '../../records/index.js';
import { findDeployment } from '../find-deployment.js';
import { parseLimit } from '../flags.js';
import type { CommandContext } from '../io.js';
import { renderHealthReport } from '../render/health.js';
import { renderPlan } from '../render/plan.js';
import { renderTable } from '../render/table.js';
import { allEnvironmentStores, environmentStore } from '../state-access.js';
import { createStyle, type Style } from '../style.js';

const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);

function outcomeMark(status: DeploymentRecord['status'], style: Style): string {
  if (status === 'succeeded') return style.green(status);
  if (status === 'in_progress') return style.yellow(status);
  return style.red(status);
}

/** What a row's outcome leaves out: that it recovered interrupted deployments, or was recovered. */
function recoveryNote(record: {
  recoveryOf: DeploymentRecord['recoveryOf'] | null;
  recoveredBy: DeploymentRecord['recoveredBy'] | null;
}): string {
  if (record.recoveryOf?.length) return ` (recovery of ${record.recoveryOf.join(', ')})`;
  if (record.recoveredBy) return ` (${record.recoveredBy.how} by ${record.recoveredBy.deploymentId})`;
  return '';
}

/** `omnix history [env] [--limit N]`: deployments, newest first. */
export async function historyList(
  context: CommandContext,
  environment: string | undefined,
  options: { limit?: string },
): Promise<number> {
  const limit = parseLimit(options.limit, 20);
  const states = environment
    ? [await environmentStore(context, environment)]
    : await allEnvironmentStores(context);
  const perEnvironment = await Promise.all(
    states.map(async ({ store, environment: name }) => {
      const records = await store.listDeployments(name, { limit });
      const interrupted = await findInterrupted(store, name, { recent: records });
      const dead = new Set(interrupted.map((record) => record.id));
      return records.map((record) =>
        dead.has(record.id) ? { ...record, status: 'interrupted' as const } : record,
      );
    }),
  );
  const records = perEnvironment
    .flat()
    .sort((x, y) => y.startedAt.localeCompare(x.startedAt) || y.id.localeCompare(x.id))
    .slice(0, limit);
  const rows = records.map((record) => ({
    id: record.id,
    environment: record.environment,
    release: record.release ?? null,
    rollbackTo: record.rollbackTo ?? null,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt ?? null,
    by: record.caller.user,
    status: record.status,
    durationMs: durationOf(record),
    changes: record.changes.length,
    recoveryOf: record.recoveryOf ?? null,
    recoveredBy: record.recoveredBy ?? null,
    promotedFrom: record.promotedFrom ?? null,
  }));
  if (context.json) {
    context.printJson({ deployments: rows });
    return ExitCode.Ok;
  }
  if (rows.length === 0) {
    context.print(environment ? `no deployments of ${environment} yet` : 'no deployments yet');
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  const header = [
    'ID',
    ...(environment ? [] : ['ENV']),
    'RELEASE',
    'WHEN',
    'WHO',
    'OUTCOME',
    'DURATION',
    'CHANGES',
  ];
  context.print(
    renderTable(
      header,
      rows.map((row) => [
        row.id,
        ...(environment ? [] : [row.environment]),
        `${row.release === null ? '—' : `v${row.release}`}${row.rollbackTo === null ? '' : ` (= v${row.rollbackTo})`}`,
        row.startedAt.replace('T', ' ').slice(0, 19),
        row.by,
        `${outcomeMark(row.status, style)}${recoveryNote(row)}`,
        seconds(row.durationMs),
        String(row.changes),
      ]),
    ),
  );
  return ExitCode.Ok;
}

/** `omnix history show <id>`: one deployment whole: phases and timings, plan, changes, errors, outputs. */
export async function historyShow(
  context: CommandContext,
  id: string,
  flags: { environment?: string } = {},
): Promise<number> {
  const record = await findDeployment(context, id, flags.environment);
  if (context.json) {
    context.printJson(record);
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  const lines = [
    `${style.bold(record.id)}  ${record.environment}  ${outcomeMark(record.status, style)}${record.release ? `  release v${record.release}` : ''}`,
    `  by ${record.caller.user} on ${record.caller.host} (pid ${record.caller.pid})${record.caller.ci?.runUrl ? `, ${record.caller.ci.runUrl}` : ''}${record.caller.ci?.commit ? `, commit ${record.caller.ci.commit.slice(0, 12)}` : ''}`,
    `  started ${record.startedAt}${record.finishedAt ? `, finished ${record.finishedAt} (${seconds(durationOf(record))})` : ''}`,
    `  configuration ${record.configDigest}`,
    ...(record.recoveryOf?.length
      ? [
          `  recovery of interrupted deployment(s) ${record.recoveryOf.join(', ')}${record.release ? ': finished them' : ': put back what was live before them'}`,
        ]
      : []),
    ...(record.promotedFrom
      ? [
          `  promoted from ${record.promotedFrom.environment} release v${record.promotedFrom.release} (deployment ${record.promotedFrom.deploymentId})`,
        ]
      : []),
    ...(record.approval
      ? [
          `  approved ${record.approval.via === 'terminal' ? 'on the terminal' : `by ${record.approval.by}`} at ${record.approval.at} (plan ${record.approval.planDigest})`,
        ]
      : []),
    ...(record.recoveredBy
      ? [
          `  recovered by deployment ${record.recoveredBy.deploymentId} (${record.recoveredBy.how === 'restored' ? 'it put back what was live before this one' : 'it finished what this one started'})`,
        ]
      : []),
    '',
    renderTable(
      ['PHASE', 'STARTED', 'DURATION', 'OUTCOME'],
      record.phases.map((phase) => [
        phase.name,
        phase.startedAt.slice(11, 23),
        phase.durationMs === undefined ? '—' : `${phase.durationMs} ms`,
        phase.outcome === 'failed' ? style.red(phase.outcome) : phase.outcome,
      ]),
    ),
  ];
  if (record.rollbackTo !== undefined) lines.push('', `Rollback to v${record.rollbackTo}`);
  else {
    const plan = deploymentPlan(record);
    if (plan) lines.push('', renderPlan(plan, style));
  }
  if (record.rollback)
    lines.push(
      '',
      `Automatic rollback: ${record.rollback.outcome} in ${record.rollback.durationMs} ms, ${record.rollback.changes.length} change(s)`,
      ...record.rollback.changes.slice(0, 30).map((change) => `  ${change}`),
      ...(record.rollback.differences ?? []).map((difference) =>
        style.red(`  still different: ${difference}`),
      ),
    );
  for (const report of record.health ?? [])
    lines.push('', renderHealthReport(report, style, `Health checks (${report.stage})`));
  if (record.requests && Object.keys(record.requests).length > 0)
    lines.push(
      '',
      `AWS requests: ${Object.entries(record.requests)
        .map(([service, count]) => `${service} ${count}`)
        .join(', ')}`,
    );
  if (record.anomalies?.length) {
    lines.push('', `Anomalies (${record.anomalies.length}):`);
    for (const anomaly of record.anomalies) lines.push(style.yellow(`  ${anomaly.text}`));
  }
  if (record.changes.length > 0) {
    lines.push('', `Changes (${record.changes.length}):`);
    for (const change of record.changes.slice(0, 30)) lines.push(`  ${change}`);
    if (record.changes.length > 30)
      lines.push(style.dim(`  … and ${record.changes.length - 30} more (--json has all)`));
  }
  if (record.errors.length > 0) {
    lines.push('', 'Errors:');
    for (const error of record.errors) lines.push(style.red(`  ${error.code}: ${error.message}`));
  }
  if (record.outputs && Object.keys(record.outputs).length > 0) {
    lines.push('', 'Outputs:');
    for (const [name, value] of Object.entries(record.outputs)) lines.push(`  ${name}: ${value}`);
  }
  context.print(lines.join('\n'));
  return ExitCode.Ok;
}

/**
 * `omnix history diff <a> <b>`: configuration, artifact and timing differences between two deployments,
 * named by id or by release number.
 */
export async function historyDiff(
  context: CommandContext,
  a: string,
  b: string,
  flags: { environment?: string } = {},
): Promise<number> {
  const [left, right] = await Promise.all([
    findDeployment(context, a, flags.environment),
    findDeployment(context, b, flags.environment),
  ]);
  const comparison = compareDeployments(left, right);
  if (context.json) context.printJson(comparison);
  else context.print(renderComparison(comparison, createStyle(context.color)));
  return ExitCode.Ok;
}

function renderComparison(comparison: DeploymentComparison, style: Style): string {
  const { a, b, config, artifacts, timing } = comparison;
  const cell = (value: unknown) =>
    value === undefined ? style.dim('(unset)') : typeof value === 'string' ? value : JSON.stringify(value);
  const label = (side: typeof a) =>
    `${side.id} (${side.environment}, ${side.status}${side.release ? `, v${side.release}` : ''})`;
  const lines = [
    `${style.bold('A')} ${label(a)}`,
    `${style.bold('B')} ${label(b)}`,
    '',
    style.bold('Configuration'),
  ];
  if (config === null)
    lines.push(
      comparison.configDigestsEqual
        ? '  the same (by digest)'
        : '  different (only digests recorded for one of them)',
    );
  else if (config.length === 0) lines.push('  the same');
  else
    lines.push(
      renderTable(
        ['PATH', 'A', 'B'],
        config.map((difference) => [difference.path, cell(difference.a), cell(difference.b)]),
      )
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n'),
    );

  lines.push('', style.bold('Artifacts'));
  const { files, functions, apiDefinition } = artifacts;
  lines.push(
    `  site files: ${files.added.length} added, ${files.removed.length} removed, ${files.changed.length} changed, ${files.unchanged} the same`,
  );
  for (const key of files.added.slice(0, 20)) lines.push(style.green(`    + ${key}`));
  for (const key of files.removed.slice(0, 20)) lines.push(style.red(`    - ${key}`));
  for (const key of files.changed.slice(0, 20)) lines.push(style.yellow(`    ~ ${key}`));
  if (functions.length === 0) lines.push('  functions: the same code');
  for (const fn of functions) lines.push(`  function ${fn.name}: ${fn.a ?? '(none)'} → ${fn.b ?? '(none)'}`);
  lines.push(
    apiDefinition
      ? `  api definition: ${apiDefinition.a ?? '(none)'} → ${apiDefinition.b ?? '(none)'}`
      : '  api definition: the same',
  );

  lines.push('', style.bold('Timing'));
  const signed = (ms: number | null) => (ms === null ? '—' : `${ms >= 0 ? '+' : ''}${ms} ms`);
  const ms = (value: number | null) => (value === null ? '—' : `${value} ms`);
  lines.push(
    renderTable(
      ['PHASE', 'A', 'B', 'CHANGE'],
      [
        ...timing.phases.map((phase) => [phase.name, ms(phase.a), ms(phase.b), signed(phase.deltaMs)]),
        ['total', ms(timing.total.a), ms(timing.total.b), signed(timing.total.deltaMs)],
      ],
    )
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n'),
  );
  return lines.join('\n');
}
