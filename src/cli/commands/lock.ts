import { AbortedError, ExitCode, UsageError } from '../../core/errors.js';
import { describeHolder } from '../../engine/change/lock.js';
import { isStale } from '../../state/lease.js';
import type { CommandContext } from '../io.js';
import { environmentStore } from '../state-access.js';
import { createStyle } from '../style.js';

/** `omnix lock status <env>`: who holds the environment's lock, since when, and whether it is stale. */
export async function lockStatus(context: CommandContext, environment: string): Promise<number> {
  const { store } = await environmentStore(context, environment);
  const lock = await store.readLock(environment);
  if (context.json) {
    context.printJson({
      environment,
      locked: lock !== undefined,
      ...(lock
        ? {
            holder: lock.holder,
            acquiredAt: lock.acquiredAt,
            expiresAt: lock.expiresAt,
            stale: isStale(lock),
          }
        : {}),
    });
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  if (!lock) context.print(`${environment} is not locked`);
  else if (isStale(lock))
    context.print(
      style.yellow(
        `${environment}: stale lock of ${describeHolder(lock)}: its holder is gone or stopped renewing it (it lapses at ${lock.expiresAt}), so the next deployment takes it over`,
      ),
    );
  else
    context.print(
      `${environment} is locked by ${describeHolder(lock)}, until ${lock.expiresAt} unless renewed`,
    );
  return ExitCode.Ok;
}

/** `omnix lock break <env>`: removes the lock, after confirmation (typing the name for production). */
export async function lockBreak(context: CommandContext, environment: string): Promise<number> {
  const { store } = await environmentStore(context, environment);
  const lock = await store.readLock(environment);
  if (!lock) {
    if (context.json) context.printJson({ environment, broken: null });
    else context.print(`${environment} is not locked: nothing to break`);
    return ExitCode.Ok;
  }
  const warning = isStale(lock)
    ? `the lock of ${environment} is stale (${describeHolder(lock)})`
    : `the lock of ${environment} is live: ${describeHolder(lock)} is renewing it, so that deployment may still be running`;
  if (!context.yes) {
    if (!context.interactive)
      throw new UsageError('ConfirmationRequired', `refusing to break without --yes: ${warning}`, {
        hint: `Run 'omnix lock break ${environment} --yes' to break it anyway.`,
      });
    context.print(warning);
    const answer = (await context.io.ask({ message: `Type ${environment} to break its lock` })).trim();
    if (answer !== environment) throw new AbortedError('the lock was left in place: the name was not typed');
  }
  const broken = await store.breakLock(environment);
  if (context.json) context.printJson({ environment, broken: broken ?? null });
  else
    context.print(
      broken
        ? `broke the lock of ${environment} held by ${describeHolder(broken)}`
        : `${environment} was no longer locked`,
    );
  return ExitCode.Ok;
}
