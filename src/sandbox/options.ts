import type { FaultConfig } from './faults.js';
import type { PolicyDocument } from './services/iam/policy.js';

export interface SandboxOptions {
  /** Port on 127.0.0.1; 0 picks a free one. @default 4599 */
  port?: number;
  /** Folder the state persists in; unset keeps everything in memory. */
  dataDir?: string;
  /** Account id of every identity. @default '000000000000' */
  accountId?: string;
  /** Largest page any List operation returns (AWS: 1000); small values exercise pagination. @default 1000 */
  pageSize?: number;
  /** Largest request body accepted, in bytes. @default 512 MiB */
  maxBodyBytes?: number;
  /** How long a Lambda function update stays InProgress, in ms. @default 100 */
  lambdaUpdateMs?: number;
  /** Most Lambda worker processes alive at once (warm ones included), across all functions. @default 8 */
  lambdaWorkers?: number;
  /** How long an unused Lambda worker stays warm, in ms. @default 300000 */
  lambdaIdleMs?: number;
  /** How long a CloudFront invalidation stays InProgress, in ms. @default 200 */
  invalidationMs?: number;
  faults?: FaultConfig;
  /** IAM policies by principal ARN (`arn:aws:iam::<account>:user/<access key id>`); others may do anything. */
  iamPolicies?: Record<string, PolicyDocument[]>;
}

export type ResolvedSandboxOptions = Required<Omit<SandboxOptions, 'dataDir' | 'faults' | 'iamPolicies'>> &
  Pick<SandboxOptions, 'dataDir'>;

export function resolveSandboxOptions(options: SandboxOptions): ResolvedSandboxOptions {
  return {
    port: options.port ?? 4599,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    accountId: options.accountId ?? '000000000000',
    pageSize: options.pageSize ?? 1000,
    maxBodyBytes: options.maxBodyBytes ?? 512 * 1024 * 1024,
    lambdaUpdateMs: options.lambdaUpdateMs ?? 100,
    invalidationMs: options.invalidationMs ?? 200,
    lambdaWorkers: options.lambdaWorkers ?? 8,
    lambdaIdleMs: options.lambdaIdleMs ?? 300_000,
  };
}
