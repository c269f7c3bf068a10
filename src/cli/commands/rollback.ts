import {
  type RollbackOptions,
  type RollbackPlan,
  rollbackRelease,
} from '../../actions/rollback/rollback-release.js';
import { AbortedError, ExitCode, UsageError } from '../../core/errors.js';
import { changeOptions } from '../change-options.js';
import { confirmChange } from '../confirm.js';
import { interruptible } from '../interruptible.js';
import type { CommandContext } from '../io.js';
import { createStyle, type Style } from '../style.js';

function parseRelease(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const number = Number(text.replace(/^v/i, ''));
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError('InvalidRelease', `'${text}' is not a release number (such as 3 or v3)`);
  return number;
}

function renderRollbackPlan(plan: RollbackPlan, style: Style): string {
  const lines = [style.bold(`Rollback of ${plan.environment}: v${plan.from} → v${plan.to}`)];
  if (plan.changes.length === 0) lines.push(`  nothing to change: v${plan.to} is what is live`);
  for (const change of plan.changes.slice(0, 30)) lines.push(`  ${change}`);
  if (plan.changes.length > 30) lines.push(style.dim(`  … and ${plan.changes.length - 30} more`));
  return lines.join('\n');
}

/** `omnix rollback <env> [release]`: an earlier release live again, after showing what changes. */
export async function rollbackCommand(
  context: CommandContext,
  environment: string,
  release: string | undefined,
  flags: { auto?: boolean; waitForLock?: string },
): Promise<number> {
  if (flags.auto && release !== undefined)
    throw new UsageError(
      'ReleaseAndAuto',
      `give a release or --auto, not both (got '${release}' and --auto)`,
    );
  if (!context.yes && !context.interactive)
    throw new UsageError(
      'ConfirmationRequired',
      `refusing to roll back ${environment} without --yes when there is no terminal to confirm on`,
      {
        hint: `Run 'omnix rollback ${[environment, release, flags.auto ? '--auto' : undefined].filter(Boolean).join(' ')} --yes' in CI.`,
      },
    );
  const style = createStyle(context.color);
  const number = parseRelease(release);
  const options: RollbackOptions = {
    ...changeOptions(context, environment, flags),
    ...(number !== undefined ? { release: number } : {}),
    ...(flags.auto ? { auto: true } : {}),
    ...(context.yes
      ? {}
      : {
          confirm: async (plan: RollbackPlan) => {
            context.print(renderRollbackPlan(plan, style));
            return confirmChange(context, environment, `Roll back ${environment}?`, 'roll it back');
          },
        }),
  };
  const outcome = await interruptible(context, environment, (interrupts) =>
    rollbackRelease({ ...options, interrupts }),
  );
  if (outcome.status === 'declined') throw new AbortedError('not rolled back: the plan was not confirmed');
  if (context.json) {
    context.print(JSON.stringify({ type: 'outcome', ...outcome }));
    return ExitCode.Ok;
  }
  if (outcome.status === 'already-live')
    context.print(`${style.green('✔')} ${environment} already serves v${outcome.plan.to}: nothing to change`);
  if (outcome.status === 'rolled-back')
    context.print(
      `${style.green('✔')} rolled back ${environment} to v${outcome.plan.to} as release ${style.bold(`v${outcome.release}`)} in ${(outcome.durationMs / 1000).toFixed(1)} s`,
    );
  return ExitCode.Ok;
}
