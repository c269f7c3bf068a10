import { z } from 'zod';
import { text } from './common.js';

const environmentStep = <Name extends string>(name: Name, what: string) =>
  z.strictObject({
    step: z.literal(name).describe(what),
    environment: text.describe('Environment the step acts on.'),
  });

const workflowStep = z.discriminatedUnion('step', [
  environmentStep('validate', 'Run pre-deployment validation.'),
  environmentStep('deploy', 'Deploy the environment.'),
  environmentStep('health', 'Run the health checks.'),
  z.strictObject({
    step: z
      .literal('approve')
      .describe(
        "Wait for an approval of the plan of the workflow's next deploy or promote of `environment` (approvals.approvers says who may).",
      ),
    environment: text.describe('Environment the approval is for.'),
  }),
  z.strictObject({
    step: z
      .literal('promote')
      .describe('Deploy to `to` the same artifacts (by hash) that are live in `from`.'),
    from: text.describe('Environment whose live artifacts are promoted.'),
    to: text.describe('Environment that receives them.'),
  }),
  z.strictObject({
    step: z
      .literal('notify')
      .describe("Send a message to the environment's notification targets that list the `promoted` event."),
    message: text.describe('Text of the message.'),
    environment: text
      .optional()
      .describe('Whose notification targets get it; default: the environment of the step before.'),
  }),
  z.strictObject({
    step: z.literal('wait').describe('Wait, then go on (a soak time between environments, say).'),
    duration: text.describe('How long: 30s, 10m, 1h (at most a week).'),
  }),
  z.strictObject({
    step: z.literal('run').describe('Run a shell command from the project root.'),
    command: text.describe('Command line, run by the shell.'),
  }),
]);

/** One step of a workflow, as validated. */
export type WorkflowStep = z.infer<typeof workflowStep>;

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
