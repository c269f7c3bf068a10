import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketVersioningCommand,
  HeadBucketCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { awsErrorName, httpStatusOf } from './errors.js';

/** Whether a bucket can be used: it exists and the caller may list it. */
export type BucketReach =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'denied' | 'unreachable'; message: string; errorName: string };

export async function reachBucket(s3: S3Client, bucket: string): Promise<BucketReach> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return { ok: true };
  } catch (error) {
    const status = httpStatusOf(error);
    const name = awsErrorName(error) ?? 'Error';
    const reason =
      status === 404 || name === 'NotFound' || name === 'NoSuchBucket'
        ? 'missing'
        : status === 403
          ? 'denied'
          : 'unreachable';
    return { ok: false, reason, message: (error as Error).message, errorName: name };
  }
}

/** A bucket's versioning status: `Enabled`, `Suspended`, or undefined when it was never enabled. */
export async function bucketVersioning(s3: S3Client, bucket: string): Promise<string | undefined> {
  return (await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status;
}

/** One enabled or disabled lifecycle rule, as far as expiring a site's objects goes. */
export interface ExpiryRule {
  id?: string;
  enabled: boolean;
  /** The key prefix it applies to ('' for every object). */
  prefix: string;
  /** Days after which replaced versions are expired. */
  noncurrentDays?: number;
  /** It expires current versions (after days or on a date). */
  expiresCurrent: boolean;
}

/** A bucket's lifecycle rules; none when it has no lifecycle configuration. */
export async function bucketExpiryRules(s3: S3Client, bucket: string): Promise<ExpiryRule[]> {
  try {
    const rules = (await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules ?? [];
    return rules.map((rule) => ({
      ...(rule.ID ? { id: rule.ID } : {}),
      enabled: rule.Status === 'Enabled',
      prefix: rule.Filter?.Prefix ?? rule.Filter?.And?.Prefix ?? rule.Prefix ?? '',
      ...(rule.NoncurrentVersionExpiration?.NoncurrentDays !== undefined
        ? { noncurrentDays: rule.NoncurrentVersionExpiration.NoncurrentDays }
        : {}),
      expiresCurrent: rule.Expiration?.Days !== undefined || rule.Expiration?.Date !== undefined,
    }));
  } catch (error) {
    if (awsErrorName(error) === 'NoSuchLifecycleConfiguration') return [];
    throw error;
  }
}
