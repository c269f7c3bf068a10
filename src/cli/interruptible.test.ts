import { describe, expect, it } from 'vitest';
import { ExitCode } from '../core/errors.js';
import type { Interrupts } from '../engine/change/interrupts.js';
import { interruptible } from './interruptible.js';
import type { CommandContext } from './io.js';

/** A context whose Ctrl-C the test presses. */
function contextWithCtrlC() {
  let press: (() => void) | undefined;
  let listening = false;
  const context = {
    io: {
      onInterrupt: (handler: () => void) => {
        press = handler;
        listening = true;
        return () => {
          listening = false;
        };
      },
    },
  } as unknown as CommandContext;
  return { context, ctrlC: () => press!(), listening: () => listening };
}

const never = () => new Promise<never>(() => {});

describe('interruptible', () => {
  it('says nothing was changed when Ctrl-C comes before the change holds a lock', async () => {
    const { context, ctrlC, listening } = contextWithCtrlC();
    const running = interruptible(context, 'staging', never);
    ctrlC();
    await expect(running).rejects.toMatchObject({
      exitCode: ExitCode.Interrupted,
      message: 'interrupted before staging was changed: nothing was changed',
    });
    expect(listening()).toBe(false);
  });

  it('records the change in progress, then names it, its phase, and what to run next', async () => {
    const { context, ctrlC } = contextWithCtrlC();
    let stopped = false;
    const running = interruptible(context, 'staging', (interrupts: Interrupts) => {
      interrupts.register(async () => {
        stopped = true;
        return {
          state: 'left-for-recovery',
          deploymentId: 'd-1',
          environment: 'staging',
          phase: 'apply',
          changes: 3,
        };
      });
      return never();
    });
    ctrlC();
    const error = await running.catch((thrown: unknown) => thrown);
    expect(stopped).toBe(true);
    expect(error).toMatchObject({
      exitCode: ExitCode.Interrupted,
      message: expect.stringContaining('deployment d-1 of staging stopped in phase apply after 3 change(s)'),
      hint: expect.stringContaining("'omnix recover staging'"),
    });
  });

  it('reports the interruption, not the error of work the same Ctrl-C killed (a build)', async () => {
    const { context, ctrlC } = contextWithCtrlC();
    let fail!: (error: Error) => void;
    const running = interruptible(
      context,
      'staging',
      () => new Promise<never>((_resolve, reject) => (fail = reject)),
    );
    ctrlC();
    fail(new Error('the build was killed by SIGINT'));
    await expect(running).rejects.toMatchObject({ code: 'Interrupted' });
  });

  it('returns what the work returns when nobody presses Ctrl-C, and stops listening', async () => {
    const { context, listening } = contextWithCtrlC();
    await expect(interruptible(context, 'staging', async () => 'done')).resolves.toBe('done');
    expect(listening()).toBe(false);
  });
});
