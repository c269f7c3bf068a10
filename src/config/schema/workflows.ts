import { z } from 'zod';
import { text } from './common.js';

const environmentStep = (name: string, what: string) =>
  z.strictObject({
    step: z.literal(name).describe(what),
    environment: text.describe('Environment the step acts on.'),
  });

const workflowStep = z.discriminatedUnion('step', [
  environmentStep('validate', 'Run pre-deployment validation.'),
  environmentStep('deploy', 'Deploy the environment.'),
  environmentStep('health', 'Run the health checks.'),
  z.strictObject({
    step: z.literal('approve').describe('Wait for an approval recorded by someone else.'),
    environment: text.describe('Environment the approval is for.'),
    approvers: z.array(z.string()).default([]).describe('Who may approve; empty allows anyone.'),
  }),
  z.strictObject({
    step: z
      .literal('promote')
      .describe('Deploy to `to` the same artifacts (by hash) that are live in `from`.'),
    from: text.describe('Environment whose live artifacts are promoted.'),
    to: text.describe('Environment that receives them.'),
  }),
  z.strictObject({
    step: z.literal('notify').describe('Send a message to the configured notifications.'),
    message: text.describe('Text of the message.'),
  }),
  z.strictObject({
    step: z.literal('run').describe('Run a shell command from the project root.'),
    command: text.describe('Command line, run by the shell.'),
  }),
]);

export const workflowsSchema = z
  .record(
    z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lowercase letters, digits and -'),
    z.strictObject({
      description: z.string().optional().describe('What the workflow is for.'),
      steps: z.array(workflowStep).min(1).describe('Steps, run in order; a failed step stops the workflow.'),
    }),
  )
  .default({})
  .describe('Named sequences of steps, run by `orchestrator workflow <name>`.');
