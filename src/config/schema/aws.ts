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
      .default('standard')
      .describe(
        'Retries with backoff and jitter (`standard`); `adaptive` also slows the rate of calls while AWS throttles.',
      ),
    maxAttempts: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(20)
      .describe('Attempts per AWS call, including the first, within `retryBudgetSeconds`.'),
    retryBudgetSeconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(180)
      .describe(
        'How long one AWS call keeps being retried under throttling, server errors (500, 502–504) and network errors before the command fails.',
      ),
  })
  .describe('Where and how omnix talks to AWS.');
