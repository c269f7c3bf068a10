import { z } from 'zod';
import { duration } from './common.js';

/**
 * An AWS identity that may approve: an IAM user or role ARN, an assumed-role session ARN, or an account's
 * root. A role ARN also admits every session of that role (`arn:aws:sts::<account>:assumed-role/<role>/...`).
 */
export const approverArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:(iam::\d{12}:(user|role)\/[\w+=,.@/-]+|iam::\d{12}:root|sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+)$/,
    'expected an IAM user or role ARN (arn:aws:iam::123456789012:user/alice), an assumed-role ARN or an account root ARN',
  );

export const approvalsSchema = z
  .strictObject({
    required: z
      .boolean()
      .default(false)
      .describe(
        'Deployments need an approval of their exact plan before they change anything: on a terminal, typing the environment name after seeing the plan; in CI, an approval recorded with `omnix approve`.',
      ),
    approvers: z
      .array(approverArn)
      .default([])
      .describe(
        'AWS identities (ARNs) allowed to approve; a role ARN admits its sessions. Empty allows anyone with access to the state store.',
      ),
    expiresAfter: duration
      .default('24h')
      .describe('How long an approval stays valid after it was given (e.g. 30m, 24h).'),
    allowSelfApproval: z
      .boolean()
      .default(false)
      .describe('Whether the identity that requested a deployment may approve it itself.'),
  })
  .default({ required: false, approvers: [], expiresAfter: '24h', allowSelfApproval: false })
  .describe('Who must agree before a deployment changes anything (see docs/orchestration.md).');
