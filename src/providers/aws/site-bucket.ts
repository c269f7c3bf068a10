import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ByteBudget } from '../../core/byte-budget.js';
import { OmnixError } from '../../core/errors.js';
import { fromAwsError } from './errors.js';
import { uploadInParts } from './multipart-upload.js';
import type { SiteUpload } from './site-upload.js';

export interface LiveSiteObject {
  key: string;
  etag: string;
  versionId: string;
}

/** The key prefix the site's objects are stored under: `frontend.prefix` with one trailing `/`, or empty. */
export function keyPrefix(prefix: string): string {
  const clean = prefix.replace(/^\/+|\/+$/g, '');
  return clean ? `${clean}/` : '';
}

const unquote = (etag: string | undefined) => (etag ?? '').replace(/"/g, '');

/** The current version of every object under the prefix (delete-marked keys left out). */
export async function listLiveObjects(
  s3: S3Client,
  bucket: string,
  prefix: string,
): Promise<LiveSiteObject[]> {
  return (await listVersions(s3, bucket, prefix)).filter((version) => version.latest);
}

/** Every version (not delete markers) of every object under the prefix; `latest` marks the current ones. */
export async function listVersions(
  s3: S3Client,
  bucket: string,
  prefix: string,
): Promise<Array<LiveSiteObject & { latest: boolean }>> {
  const out: Array<LiveSiteObject & { latest: boolean }> = [];
  try {
    // The SDK has no paginator for ListObjectVersions: follow the key and version id markers.
    let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
    for (;;) {
      const page = await s3.send(
        new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, ...markers }),
      );
      for (const version of page.Versions ?? []) {
        if (version.Key)
          out.push({
            key: version.Key,
            etag: unquote(version.ETag),
            versionId: version.VersionId ?? 'null',
            latest: version.IsLatest === true,
          });
      }
      if (!page.IsTruncated) break;
      markers = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
    }
  } catch (error) {
    throw fromAwsError(error, `listing s3://${bucket}/${prefix}`);
  }
  return out;
}

/**
 * Uploads one file with its Content-Type and Cache-Control, within `budget` (bytes held in memory by
 * all uploads at once). Small files are read whole (`read`: the planned bytes, or a refusal) and sent
 * with their planned MD5 as Content-MD5, so S3 refuses whatever arrives different; files from
 * `multipartThresholdBytes` (or larger than half the budget) are streamed from disk in parts (see
 * `uploadInParts`). Returns what S3 stored.
 */
export async function uploadFile(
  s3: S3Client,
  bucket: string,
  file: SiteUpload,
  options: { read: () => Promise<Buffer>; budget: ByteBudget; multipartThresholdBytes: number },
): Promise<{ key: string; versionId: string; etag: string; md5: string }> {
  const params = {
    Bucket: bucket,
    Key: file.key,
    ContentType: file.contentType,
    ...(file.cacheControl ? { CacheControl: file.cacheControl } : {}),
    Metadata: { 'omnix-md5': file.md5 },
  };
  const inParts = file.size >= Math.min(options.multipartThresholdBytes, options.budget.total / 2);
  try {
    const result = inParts
      ? await uploadInParts(s3, params, file, options.budget)
      : await options.budget.use(file.size, async () =>
          s3.send(
            new PutObjectCommand({
              ...params,
              Body: await options.read(),
              ContentMD5: Buffer.from(file.md5, 'hex').toString('base64'),
            }),
          ),
        );
    return {
      key: file.key,
      versionId: result.VersionId ?? 'null',
      etag: unquote(result.ETag),
      md5: file.md5,
    };
  } catch (error) {
    if (error instanceof OmnixError) throw error;
    throw fromAwsError(error, `uploading ${file.path} to s3://${bucket}/${file.key}`);
  }
}

/** Deletes keys (a delete marker each in a versioned bucket), 1,000 per request. */
export async function deleteKeys(s3: S3Client, bucket: string, keys: readonly string[]): Promise<void> {
  for (let start = 0; start < keys.length; start += 1000) {
    const batch = keys.slice(start, start + 1000).map((Key) => ({ Key }));
    try {
      const result = await s3.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }),
      );
      if (result.Errors?.length) throw new Error(result.Errors.map((e) => `${e.Key}: ${e.Code}`).join(', '));
    } catch (error) {
      throw fromAwsError(error, `deleting stale files from s3://${bucket}`);
    }
  }
}

/** Makes an earlier version of a key current again by copying it over the key (metadata kept). */
export async function restoreVersion(
  s3: S3Client,
  bucket: string,
  key: string,
  versionId: string,
): Promise<string> {
  const source = `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}?versionId=${encodeURIComponent(versionId)}`;
  try {
    const copied = await s3.send(
      new CopyObjectCommand({ Bucket: bucket, Key: key, CopySource: source, MetadataDirective: 'COPY' }),
    );
    return copied.VersionId ?? 'null';
  } catch (error) {
    throw fromAwsError(error, `restoring version ${versionId} of s3://${bucket}/${key}`);
  }
}

/**
 * The current version of one key, read back with one small listing (the permission the site's listing
 * needs already); undefined when the key has none or a delete marker is current.
 */
export async function currentVersion(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<LiveSiteObject | undefined> {
  try {
    // Versions of a key come newest first, delete markers among them; the key itself sorts before
    // every longer key it is a prefix of.
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, MaxKeys: 1 }));
    const version = page.Versions?.find((v) => v.Key === key && v.IsLatest);
    return version ? { key, etag: unquote(version.ETag), versionId: version.VersionId ?? 'null' } : undefined;
  } catch (error) {
    throw fromAwsError(error, `reading back s3://${bucket}/${key}`);
  }
}

/** Pages are read whole to find what they reference; anything larger is cut here (a page is not that big). */
const PAGE_READ_LIMIT = 8 * 1024 * 1024;

/** The text of one version of an object (its first 8 MiB), as a page's build id is read from it. */
export async function readObjectVersionText(
  s3: S3Client,
  object: { bucket: string; key: string; versionId: string },
  signal?: AbortSignal,
): Promise<string> {
  try {
    const got = await s3.send(
      new GetObjectCommand({
        Bucket: object.bucket,
        Key: object.key,
        VersionId: object.versionId,
        Range: `bytes=0-${PAGE_READ_LIMIT - 1}`,
      }),
      signal ? { abortSignal: signal } : {},
    );
    return (await got.Body?.transformToString()) ?? '';
  } catch (error) {
    throw fromAwsError(error, `reading version ${object.versionId} of s3://${object.bucket}/${object.key}`);
  }
}
