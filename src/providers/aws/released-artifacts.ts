import { createHash } from 'node:crypto';
import { GetFunctionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ValidationFailedError } from '../../core/errors.js';
import { fromAwsError } from './errors.js';

/** Reads one version of an object, and refuses it unless its bytes have the MD5 the release recorded. */
export async function readObjectVersion(
  s3: S3Client,
  object: { bucket: string; key: string; versionId: string; md5: string },
): Promise<Buffer> {
  const where = `s3://${object.bucket}/${object.key} (version ${object.versionId})`;
  const output = await s3
    .send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key, VersionId: object.versionId }))
    .catch((error: unknown) => {
      throw fromAwsError(error, `reading ${where}`);
    });
  const bytes = Buffer.from((await output.Body?.transformToByteArray()) ?? []);
  const md5 = createHash('md5').update(bytes).digest('hex');
  if (md5 !== object.md5)
    throw new ValidationFailedError(
      'ArtifactMismatch',
      `${where} has MD5 ${md5}, but its release recorded ${object.md5}`,
      { hint: 'The released object was changed or replaced; deploy the source environment again.' },
    );
  return bytes;
}

/**
 * Downloads a published function version's package: GetFunction answers a presigned `Code.Location`
 * (valid for 10 minutes). Refused unless its SHA-256 is the CodeSha256 the release recorded.
 */
export async function downloadFunctionCode(
  lambda: LambdaClient,
  fn: { name: string; version: string; codeSha256: string },
): Promise<Buffer> {
  const what = `${fn.name} version ${fn.version}`;
  const found = await lambda
    .send(new GetFunctionCommand({ FunctionName: fn.name, Qualifier: fn.version }))
    .catch((error: unknown) => {
      throw fromAwsError(error, `reading ${what}`);
    });
  const location = found.Code?.Location;
  if (!location)
    throw new ValidationFailedError('ArtifactUnavailable', `Lambda gave no code location for ${what}`, {
      hint: 'Functions packaged as container images cannot be promoted by omnix.',
    });
  const response = await fetch(location, { signal: AbortSignal.timeout(120_000) }).catch((error: Error) => {
    throw fromAwsError(error, `downloading the code of ${what}`);
  });
  if (!response.ok)
    throw new ValidationFailedError(
      'ArtifactUnavailable',
      `downloading the code of ${what} answered HTTP ${response.status}`,
    );
  const zip = Buffer.from(await response.arrayBuffer());
  const sha = createHash('sha256').update(zip).digest('base64');
  if (sha !== fn.codeSha256 || found.Configuration?.CodeSha256 !== fn.codeSha256)
    throw new ValidationFailedError(
      'ArtifactMismatch',
      `the code of ${what} has CodeSha256 ${sha}, but its release recorded ${fn.codeSha256}`,
      { hint: 'Deploy the source environment again, then promote.' },
    );
  return zip;
}
