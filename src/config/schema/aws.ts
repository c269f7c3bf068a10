import { z } from 'zod';
import { text } from './common.js';

export const awsSchema = z
  .strictObject({
    region: text.describe('AWS region every resource lives in, e.g. `us-east-1`.'),
    profile: z
      .string()
      .optional()
      .describe('Named profile from the shared AWS config files; unset uses the standard credential chain.'),
    endpoint: z
      .string()
      .default('')
      .describe(
        'Custom endpoint for every AWS service (sandbox, LocalStack, moto). Empty means real AWS. S3 then uses path-style addressing.',
      ),
    accountId: z
      .string()
      .optional()
      .describe(
        'Expected 12-digit AWS account id; a deployment with credentials for another account is refused.',
      ),
    retryMode: z
      .enum(['standard', 'adaptive'])
      .default('adaptive')
      .describe('AWS SDK retry mode. `adaptive` adds client-side rate limiting under throttling.'),
    maxAttempts: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(5)
      .describe('Attempts per AWS call, including the first.'),
  })
  .describe('Where and how omnix talks to AWS.');
