import { emit, type Report } from '../../../core/events.js';
import type { InvalidateOptions } from '../../../providers/aws/distribution.js';

/** Progress events while an invalidation is waited for: its status and how long it has taken so far. */
export const invalidationProgress =
  (report: Report, phase: string): NonNullable<InvalidateOptions['onWaiting']> =>
  ({ id, status, elapsedMs }) =>
    emit(report, 'progress', phase, `invalidation ${id}: ${status} after ${Math.round(elapsedMs / 1000)} s`, {
      data: { invalidationId: id, status, elapsedMs },
    });
