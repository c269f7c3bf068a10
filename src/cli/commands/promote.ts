import { promote } from '../../actions/promote/promote.js';
import { loadValidConfig } from '../../config/load.js';
import type { LeafDifference } from '../../config/paths.js';
import { AbortedError, ExitCode, UsageError } from '../../core/errors.js';
import { changeOptions } from '../change-options.js';
import { confirmChange } from '../confirm.js';
import { interruptible } from '../interruptible.js';
import type { CommandContext } from '../io.js';
import { githubOutcome } from '../render/github-hooks.js';
import { renderPlan } from '../render/plan.js';
import { renderTable } from '../render/table.js';
import { createStyle } from '../style.js';

export interface PromoteFlags {
  waitForLock?: string;
  safeMode?: boolean;
}

export function renderDifferences(from: string, to: string, differences: LeafDifference[]): string {
  if (differences.length === 0) return `${from} and ${to} have the same configuration`;
  const cell = (value: unknown) =>
    value === undefined ? '(unset)' : typeof value === 'string' ? value : JSON.stringify(value);
  return [
    `Configuration that differs (${to} keeps its own):`,
    renderTable(
      ['PATH', from.toUpperCase(), to.toUpperCase()],
      differences.map((d) => [d.path, cell(d.a), cell(d.b)]),
    ),
  ].join('\n');
}

/** `omnix promote <from> <to>`: deploys to `to` exactly the artifacts live in `from`'s latest release. */
export async function promoteCommand(
  context: CommandContext,
  from: string,
  to: string,
  flags: PromoteFlags,
): Promise<number> {
  if (!context.yes && !context.interactive) {
    // A misspelt environment is the first thing to say, before asking for --yes.
    for (const environment of [from, to])
      await loadValidConfig({
        environment,
        configDir: context.configDir,
        env: context.io.env,
        cwd: context.io.cwd,
      });
    throw new UsageError(
      'ConfirmationRequired',
      `refusing to promote ${from} to ${to} without --yes when there is no terminal to confirm on`,
      { hint: `Run 'omnix promote ${from} ${to} --yes' in CI.` },
    );
  }
  const style = createStyle(context.color);
  const { environment: _to, ...options } = changeOptions(context, to, flags);
  const outcome = await interruptible(context, to, (interrupts) =>
    promote({
      from,
      to,
      ...options,
      interrupts,
      ...(flags.safeMode ? { safeMode: true } : {}),
      confirm: async ({ source, differences, plan }) => {
        if (context.json) return true;
        context.print(renderDifferences(from, to, differences));
        context.print(renderPlan(plan, style));
        if (context.yes) return true;
        if (
          !(await confirmChange(
            context,
            to,
            `Promote release v${source.release} of ${from} to ${to}?`,
            `promote release v${source.release} of ${from}`,
          ))
        )
          throw new AbortedError('not promoted: the plan was not confirmed');
        return true;
      },
    }),
  );
  const { deployment, source } = outcome;
  await githubOutcome(context.io, to, deployment);
  if (context.json) {
    context.print(
      JSON.stringify({ type: 'outcome', source, differences: outcome.differences, ...deployment }),
    );
    return ExitCode.Ok;
  }
  if (deployment.status === 'nothing-to-do')
    context.print(
      `${style.green('✔')} ${to} already runs release v${source.release} of ${from}'s artifacts: nothing to change`,
    );
  if (deployment.status === 'succeeded')
    context.print(
      `${style.green('✔')} promoted release v${source.release} of ${from} to ${to}: release ${style.bold(`v${deployment.release}`)} in ${(deployment.durationMs / 1000).toFixed(1)} s`,
    );
  if ('outputs' in deployment) {
    if (deployment.outputs.siteUrl) context.print(`  site: ${deployment.outputs.siteUrl}`);
    if (deployment.outputs.apiUrl) context.print(`  api:  ${deployment.outputs.apiUrl}`);
  }
  return ExitCode.Ok;
}
