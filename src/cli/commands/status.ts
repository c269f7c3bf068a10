import { type EnvironmentStatus, environmentStatus } from '../../actions/inspect/environment-status.js';
import { ExitCode } from '../../core/errors.js';
import { describeHolder } from '../../engine/change/lock.js';
import type { CommandContext } from '../io.js';
import { allEnvironmentStores, environmentStore } from '../state-access.js';
import { createStyle, type Style } from '../style.js';

/** `omnix status [env]`: per environment, the live release, the last deployment, the lock and interruptions. */
export async function statusCommand(
  context: CommandContext,
  environment: string | undefined,
): Promise<number> {
  const states = environment
    ? [await environmentStore(context, environment)]
    : await allEnvironmentStores(context);
  const statuses = await Promise.all(
    states.map((state) => environmentStatus(state.store, state.environment)),
  );
  if (context.json) {
    context.printJson(environment ? statuses[0] : { environments: statuses });
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  context.print(statuses.map((status) => renderStatus(status, style)).join('\n\n'));
  return ExitCode.Ok;
}

function renderStatus(status: EnvironmentStatus, style: Style): string {
  const lines = [style.bold(status.environment)];
  const { release, lastDeployment: last, lock } = status;
  lines.push(
    release
      ? `  live release: v${release.number} (${release.createdAt}${release.by ? ` by ${release.by}` : ''}, deployment ${release.deploymentId})`
      : '  live release: none yet',
  );
  for (const [name, url] of Object.entries(release?.outputs ?? {})) lines.push(`  ${name}: ${url}`);
  if (last) {
    const mark =
      last.status === 'succeeded'
        ? style.green(last.status)
        : last.status === 'in_progress'
          ? style.yellow(last.status)
          : style.red(last.status);
    const took = last.durationMs !== null ? ` in ${(last.durationMs / 1000).toFixed(1)} s` : '';
    lines.push(`  last deployment: ${last.id} ${mark} by ${last.by} at ${last.startedAt}${took}`);
    for (const error of last.errors) lines.push(style.red(`    ${error.code}: ${error.message}`));
  }
  if (!lock) lines.push('  lock: free');
  else {
    const text = describeHolder(lock);
    lines.push(
      lock.stale
        ? style.yellow(
            `  lock: stale, held by ${text}; its holder is gone or stopped renewing it (the next deployment takes it over)`,
          )
        : `  lock: held by ${text}, until ${lock.expiresAt} unless renewed`,
    );
  }
  if (status.attention) {
    lines.push(
      style.red(
        `  needs attention: deployment ${status.attention.deploymentId} failed and its rollback could not restore everything${status.attention.error ? ` (${status.attention.error})` : ''}; still different:`,
      ),
    );
    for (const difference of status.attention.differences.slice(0, 10)) lines.push(`    ${difference}`);
    if (status.attention.differences.length > 10)
      lines.push(`    … and ${status.attention.differences.length - 10} more`);
    lines.push(`    Deploy again, or see: omnix history show ${status.attention.deploymentId}`);
  }
  for (const record of status.interrupted) {
    lines.push(
      style.red(
        `  interrupted: ${record.id} (started ${record.startedAt} by ${record.by}) stopped after ${record.changes.length} change(s)`,
      ),
    );
    for (const change of record.changes.slice(0, 10)) lines.push(`    ${change}`);
    if (record.changes.length > 10) lines.push(`    … and ${record.changes.length - 10} more`);
  }
  return lines.join('\n');
}
