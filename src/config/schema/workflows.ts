import { z } from 'zod';
import { text } from './common.js';

const environmentStep = (name: string, what: string) =>
  z.strictObject({
    step: z.literal(name).describe(what),
    environment: text,
  });

const workflowStep = z.discriminatedUnion('step', [
  environmentStep('validate', 'Run pre-deployment validation.'),
  environmentStep('deploy', 'Deploy the environment.'),
  environmentStep('health', 'Run the health checks.'),
  z.strictObject({
    step: z.literal('approve').describe('Wait for an approval recorded by someone else.'),
    environment: text,
    approvers: z.array(z.string()).default([]),
  }),
  z.strictObject({
    step: z
      .literal('promote')
      .describe('Deploy to `to` the same artifacts (by hash) that are live in `from`.'),
    from: text,
    to: text,
  }),
  z.strictObject({
    step: z.literal('notify').describe('Send a message to the configured notifications.'),
    message: text,
  }),
  z.strictObject({
    step: z.literal('run').describe('Run a shell command from the project root.'),
    command: text,
  }),
]);

export const workflowsSchema = z
  .record(
    z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lowercase letters, digits and -'),
    z.strictObject({
      description: z.string().optional(),
      steps: z.array(workflowStep).min(1),
    }),
  )
  .default({})
  .describe('Named sequences of steps, run by `orchestrator workflow <name>`.');
