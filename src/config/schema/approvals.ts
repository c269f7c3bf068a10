import { z } from 'zod';

export const approvalsSchema = z
  .strictObject({
    required: z
      .boolean()
      .default(false)
      .describe('Deployments need `--yes` and an approval (a prompt on a TTY, a recorded approval in CI).'),
    approvers: z
      .array(z.string())
      .default([])
      .describe('Identities allowed to approve; empty allows anyone.'),
  })
  .default({ required: false, approvers: [] })
  .describe('Who must agree before a deployment changes anything.');
