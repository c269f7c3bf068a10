import { recover } from '../../actions/recover/recover.js';
import { AbortedError, ExitCode, UsageError } from '../../core/errors.js';
import { changeOptions } from '../change-options.js';
import { confirmChange } from '../confirm.js';
import { interruptible } from '../interruptible.js';
import type { CommandContext } from '../io.js';
import { createStyle } from '../style.js';

/** `omnix recover <env> [--resume]`: restore (or finish) deployments whose process died. */
export async function recoverCommand(
  context: CommandContext,
  environment: string,
  flags: { resume?: boolean; waitForLock?: string; skipBuild?: boolean },
): Promise<number> {
  const how = flags.resume ? 'finish the interrupted deployment' : 'restore what was live before it';
  const options = changeOptions(context, environment, flags);
  if (!context.yes) {
    if (!context.interactive)
      throw new UsageError(
        'ConfirmationRequired',
        `refusing to recover ${environment} without --yes when there is no terminal to confirm on`,
        {
          hint: `Run 'omnix recover ${environment} --yes'; 'omnix status ${environment}' shows what was interrupted.`,
        },
      );
    if (
      !(await confirmChange(context, environment, `Recover ${environment}: ${how}?`, `recover it (${how})`))
    )
      throw new AbortedError(`not recovered: the recovery of ${environment} was not confirmed`);
  }
  const outcome = await interruptible(context, environment, (interrupts) =>
    recover({
      ...options,
      interrupts,
      ...(flags.resume ? { resume: true } : {}),
      ...(flags.skipBuild ? { skipBuild: true } : {}),
    }),
  );
  if (context.json) {
    context.print(JSON.stringify({ type: 'outcome', ...outcome }));
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  if (outcome.status === 'nothing-to-recover')
    context.print(`${environment} has no interrupted deployment to recover`);
  if (outcome.status === 'restored')
    context.print(
      `${style.green('✔')} ${environment}: restored what was live before ${outcome.recovered.join(', ')} (${outcome.changes} change(s), ${(outcome.durationMs / 1000).toFixed(1)} s)`,
    );
  if (outcome.status === 'resumed')
    context.print(
      `${style.green('✔')} ${environment}: finished what ${outcome.recovered.join(', ')} started, as release ${style.bold(`v${outcome.release}`)}`,
    );
  return ExitCode.Ok;
}
