import type { RecoverableFailure } from '../../providers/aws/failures.js';

/**
 * The place that decides which steps a recovery may run again.
 *
 * Refusals — throttling, expired credentials, an update in progress, a package too large, too many
 * invalidations — are answered before the service does anything, so any step may be sent again after
 * one. A 5xx or a lost connection may come after the service acted: only a step whose repeat changes
 * nothing more is sent again, which omnix's steps are, each for the reason given here:
 */
const REPEATABLE: Record<string, string> = {
  // Idempotent: a repeat sets what the first call set.
  PutObject: 'the same bytes under the same key (the checksum is checked)',
  UploadPart: 'the same part number and bytes',
  DeleteObjects: 'deleting what is gone already is no error',
  CopyObject: 'the same source version copied to the same key',
  UpdateFunctionCode: 'the same package',
  UpdateFunctionConfiguration: 'the same configuration',
  UpdateAlias: 'the same target and weights',
  UpdateStage: 'the same variables',
  // Made safe first.
  PublishVersion: 'guarded by CodeSha256 and RevisionId; a repeat with nothing new returns the same version',
  CreateInvalidation: 'one CallerReference per batch: CloudFront answers a repeat with the same invalidation',
  CreateAlias: 'refused (ResourceConflictException) when the alias exists',
};
// Not repeatable after a 5xx: CreateDeployment (API Gateway) makes a new deployment on every call, and
// CreateMultipartUpload a new upload; the engine reads what is live and plans again instead.

/** Whether `operation` may be run again after `failure`. */
export function mayRepeat(operation: string, failure: RecoverableFailure): boolean {
  return failure !== 'service-unavailable' || operation in REPEATABLE;
}
