import { describe, expect, it } from 'vitest';
import { emit } from '../../core/events.js';
import { withTaskList } from './task-list.js';

describe('withTaskList', () => {
  it('follows the phases the engine reports and returns its result, skipping phases it never reached', async () => {
    const result = await withTaskList(
      async (report) => {
        for (const phase of ['load', 'build', 'plan']) {
          emit(report, 'begin', phase, phase);
          emit(report, 'progress', phase, `${phase} working`);
          emit(report, 'end', phase, `${phase} done`, { durationMs: 5 });
        }
        return 'nothing-to-do';
      },
      { renderer: 'silent' },
    );
    expect(result).toBe('nothing-to-do');
  });

  it('rethrows the engine’s error', async () => {
    const failure = new Error('upload failed');
    await expect(
      withTaskList(
        async (report) => {
          emit(report, 'end', 'load', 'load done', { durationMs: 1 });
          throw failure;
        },
        { renderer: 'silent' },
      ),
    ).rejects.toBe(failure);
  });
});
