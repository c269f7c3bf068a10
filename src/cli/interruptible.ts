import { InterruptedError } from '../core/errors.js';
import { Interrupts, type StoppedChange } from '../engine/change/interrupts.js';
import type { CommandContext } from './io.js';

/**
 * Runs a deploy, rollback or recover so that Ctrl-C stops it cleanly: the change in progress is left
 * recorded for `omnix recover` and its lock released, then an InterruptedError (exit 130) says what was
 * left and what to run next. Whatever the work does after that is not waited for.
 */
export async function interruptible<T>(
  context: CommandContext,
  environment: string,
  work: (interrupts: Interrupts) => Promise<T>,
): Promise<T> {
  const interrupts = new Interrupts();
  const listen = context.io.onInterrupt;
  if (!listen) return work(interrupts);
  let stopping: Promise<never> | undefined;
  const stopListening = listen(() => {
    stopping ??= interrupts.stop().then(
      (left) => {
        throw stoppedError(environment, left);
      },
      (error: Error) => {
        throw new InterruptedError(
          `interrupted, but the change in progress could not be recorded as such: ${error.message}`,
          { hint: `See what is left with 'omnix status ${environment}'.`, cause: error },
        );
      },
    );
    stopping.catch(() => {});
    settle?.();
  });
  let settle: (() => void) | undefined;
  const interrupted = new Promise<void>((resolve) => {
    settle = resolve;
  });
  try {
    // Stopped work may end on its own (a build killed by the same Ctrl-C): the interruption is what to report.
    const running = work(interrupts);
    running.catch(() => {});
    await Promise.race([running.catch(() => {}), interrupted]);
    if (stopping) return await stopping;
    return await running;
  } finally {
    stopListening();
  }
}

function stoppedError(environment: string, left: StoppedChange | undefined): InterruptedError {
  if (!left || left.state === 'not-started')
    return new InterruptedError(`interrupted before ${environment} was changed: nothing was changed`, {
      hint: left ? `Deployment ${left.deploymentId} let go of its lock.` : undefined,
    });
  if (left.state === 'finished')
    return new InterruptedError(
      `interrupted after deployment ${left.deploymentId} of ${environment} had finished (${left.status})`,
      { hint: `See it with 'omnix history show ${left.deploymentId}'.` },
    );
  return new InterruptedError(
    `interrupted: deployment ${left.deploymentId} of ${environment} stopped${left.phase ? ` in phase ${left.phase}` : ''} after ${left.changes} change(s); it is recorded as interrupted and its lock is released`,
    {
      hint: `'omnix status ${environment}' shows what it changed. Put back what was live before it: 'omnix recover ${environment}'; or finish it: 'omnix recover ${environment} --resume'.`,
    },
  );
}
