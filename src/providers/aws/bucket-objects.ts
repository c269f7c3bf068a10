import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { awsErrorName, httpStatusOf } from './errors.js';

/** A conditional write lost: the object changed (412) or another conditional write raced it (409). */
export const lostCondition = (error: unknown): boolean =>
  httpStatusOf(error) === 412 || httpStatusOf(error) === 409;

/** The key is not there. (A missing bucket is a 404 too: `NoSuchBucket`.) */
export const noSuchKey = (error: unknown): boolean => awsErrorName(error) === 'NoSuchKey';

/**
 * The objects of one bucket as a store of small text documents: read, conditional write, list, delete.
 * Errors are the SDK's, for the caller to tell apart (`lostCondition`, `noSuchKey`, `NoSuchBucket`).
 */
export class BucketObjects {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  /** Whether the bucket exists (and may be listed); other errors are thrown. */
  async exists(): Promise<boolean> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return true;
    } catch (error) {
      if (httpStatusOf(error) === 404) return false;
      throw error;
    }
  }

  /** Creates the bucket in the client's region, with versioning on; returns the region. */
  async createVersioned(): Promise<string> {
    const region = await this.client.config.region();
    await this.client.send(
      new CreateBucketCommand({
        Bucket: this.bucket,
        ...(region === 'us-east-1'
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
      }),
    );
    await this.client.send(
      new PutBucketVersioningCommand({ Bucket: this.bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
    return region;
  }

  /** The object's text and ETag; undefined when there is no such key. */
  async get(key: string): Promise<{ text: string; etag: string } | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return { text: (await object.Body?.transformToString('utf8')) ?? '', etag: object.ETag ?? '' };
    } catch (error) {
      if (noSuchKey(error)) return undefined;
      throw error;
    }
  }

  /** Writes the object (only if absent with `ifNoneMatch`, only over that ETag with `ifMatch`); returns its ETag. */
  async put(
    key: string,
    body: string,
    condition: { ifNoneMatch?: '*'; ifMatch?: string } = {},
  ): Promise<string> {
    const output = await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: 'application/json',
        ...(condition.ifNoneMatch ? { IfNoneMatch: condition.ifNoneMatch } : {}),
        ...(condition.ifMatch ? { IfMatch: condition.ifMatch } : {}),
      }),
    );
    return output.ETag ?? '';
  }

  /**
   * Names under `prefix`, in key order, at most `limit`: the keys, or with `folders` the "folders" directly
   * below it (common prefixes of delimiter `/`).
   */
  async list(prefix: string, { limit = Number.POSITIVE_INFINITY, folders = false } = {}): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          MaxKeys: Math.min(1000, limit - names.length),
          ...(folders ? { Delimiter: '/' } : {}),
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      const found = folders
        ? (page.CommonPrefixes ?? []).map((common) => common.Prefix?.slice(prefix.length, -1))
        : (page.Contents ?? []).map((object) => object.Key);
      for (const name of found) if (name) names.push(name);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token && names.length < limit);
    return names.slice(0, limit);
  }

  /** Deletes the object (only if it still has that ETag with `ifMatch`). */
  async delete(key: string, ifMatch?: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: key, ...(ifMatch ? { IfMatch: ifMatch } : {}) }),
    );
  }

  /** Deletes many objects, 1,000 per request. */
  async deleteMany(keys: readonly string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += 1000) {
      const objects = keys.slice(start, start + 1000).map((Key) => ({ Key }));
      await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: objects, Quiet: true } }),
      );
    }
  }
}
