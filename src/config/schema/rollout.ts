import { z } from 'zod';
import { duration } from './common.js';

export const rolloutSchema = z
  .strictObject({
    strategy: z
      .enum(['all-at-once', 'canary'])
      .default('all-at-once')
      .describe('`canary` shifts Lambda alias traffic in `canary.steps` with health checks between them.'),
    canary: z
      .strictObject({
        steps: z
          .array(z.number().int().min(1).max(100))
          .min(1)
          .default([10, 50, 100])
          .describe('Percentages of traffic on the new version, rising, ending at 100.'),
        interval: duration.default('60s').describe('Time each step is observed before the next.'),
      })
      .default({ steps: [10, 50, 100], interval: '60s' })
      .describe('Steps of a canary rollout (with `strategy: canary`).'),
    autoRollback: z
      .boolean()
      .default(true)
      .describe('Restore the previous release when apply or verification fails.'),
    keepReleases: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(10)
      .describe('Releases kept restorable: their object versions, function versions and API deployments.'),
  })
  .default({
    strategy: 'all-at-once',
    canary: { steps: [10, 50, 100], interval: '60s' },
    autoRollback: true,
    keepReleases: 10,
  })
  .describe('How a new release takes traffic, and what happens when it fails.');
