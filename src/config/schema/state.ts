import { z } from 'zod';
import { text } from './common.js';

const lockTtlSeconds = z
  .number()
  .int()
  .min(30)
  .max(86_400)
  .default(120)
  .describe(
    'Seconds a deployment lock lasts without renewal. The deploying process renews it every third of this time, so a lock that outlives it belongs to a process that stopped: it is stale and the next deployment takes it over (at once when the holder ran on the same machine and its process is gone).',
  );

const fileState = z.strictObject({
  backend: z.literal('file').describe('A folder on this machine.'),
  path: text.default('.omnix/state').describe('Folder for the state, relative to the project root.'),
  lockTtlSeconds,
});

const endpoint = z
  .string()
  .optional()
  .describe(
    'Endpoint of the state service (a sandbox, LocalStack, DynamoDB Local); defaults to `aws.endpoint`. Empty means real AWS.',
  );

const s3State = z.strictObject({
  backend: z.literal('s3').describe('Objects in an S3 bucket, shared by a team and CI.'),
  bucket: text.describe('Bucket that holds the state.'),
  prefix: z.string().default('omnix/').describe('Key prefix for every state object.'),
  region: z.string().optional().describe('Region of the state bucket; defaults to `aws.region`.'),
  endpoint,
  lockTtlSeconds,
});

const dynamodbState = z.strictObject({
  backend: z.literal('dynamodb').describe('Items in one DynamoDB table, shared by a team and CI.'),
  table: text.describe(
    'Table that holds the state (`omnix state init` creates it): partition key `PK` and sort key `SK` (strings), and a keys-only index `ByDeploymentId` on `DeploymentId`.',
  ),
  region: z.string().optional().describe('Region of the table; defaults to `aws.region`.'),
  endpoint,
  lockTtlSeconds,
});

export type StateSettings = z.output<typeof stateSchema>;

export const stateSchema = z
  .discriminatedUnion('backend', [fileState, s3State, dynamodbState])
  .default({ backend: 'file', path: '.omnix/state', lockTtlSeconds: 120 })
  .describe('Where locks, deployment records, releases and the agent memory are kept.');
