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
        samples: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .default(20)
          .describe(
            'Invocations of the new and of the old version, each, compared after every step (from the `lambda` checks and the API checks).',
          ),
        maxLatencyIncreaseMs: z
          .number()
          .min(0)
          .default(250)
          .describe('How much slower (p95, ms) the new version may be than the old one.'),
      })
      .default({ steps: [10, 50, 100], interval: '60s', samples: 20, maxLatencyIncreaseMs: 250 })
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
    canary: { steps: [10, 50, 100], interval: '60s', samples: 20, maxLatencyIncreaseMs: 250 },
    autoRollback: true,
    keepReleases: 10,
  })
  .describe('How a new release takes traffic, and what happens when it fails.');
