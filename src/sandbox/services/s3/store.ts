import { randomBytes } from 'node:crypto';
import { Persistence } from '../../persistence.js';
import { AwsError } from '../../protocol/aws-error.js';
import type { BucketRecord, MultipartUpload, ObjectVersion } from './model.js';

interface BucketState {
  record: BucketRecord;
  /** key → versions, oldest first; the last one is current. */
  objects: Map<string, ObjectVersion[]>;
  uploads: Map<string, MultipartUpload>;
}

const BUCKET_NAME = /^(?!\d+\.\d+\.\d+\.\d+$)(?!xn--)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function newVersionId(): string {
  return randomBytes(24).toString('base64url');
}

/** Buckets, object versions and multipart uploads; every change is written through to Persistence. */
export class S3Store {
  private readonly buckets = new Map<string, BucketState>();

  constructor(private readonly persistence: Persistence) {
    for (const record of persistence.readRecords<BucketRecord>('s3/buckets')) {
      const state: BucketState = { record, objects: new Map(), uploads: new Map() };
      for (const versions of persistence.readRecords<ObjectVersion[]>(`s3/objects/${record.name}`)) {
        if (versions[0]) state.objects.set(versions[0].key, versions);
      }
      for (const upload of persistence.readRecords<MultipartUpload>(`s3/uploads/${record.name}`)) {
        state.uploads.set(upload.uploadId, upload);
      }
      this.buckets.set(record.name, state);
    }
  }

  listBuckets(): BucketRecord[] {
    return [...this.buckets.values()]
      .map((state) => state.record)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  createBucket(name: string, region: string): BucketRecord {
    if (!BUCKET_NAME.test(name) || name.includes('..')) {
      throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, {
        BucketName: name,
      });
    }
    if (this.buckets.has(name)) {
      throw new AwsError(
        'BucketAlreadyOwnedByYou',
        'Your previous request to create the named bucket succeeded and you already own it.',
        409,
        { BucketName: name },
      );
    }
    const record: BucketRecord = {
      name,
      region,
      created: new Date().toISOString(),
      versioning: 'Unversioned',
    };
    this.buckets.set(name, { record, objects: new Map(), uploads: new Map() });
    this.persistence.writeRecord('s3/buckets', name, record);
    return record;
  }

  bucket(name: string): BucketState {
    const state = this.buckets.get(name);
    if (!state)
      throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });
    return state;
  }

  deleteBucket(name: string): void {
    const state = this.bucket(name);
    if (state.objects.size > 0) {
      throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, {
        BucketName: name,
      });
    }
    this.buckets.delete(name);
    this.persistence.deleteRecord('s3/buckets', name);
  }

  setVersioning(name: string, status: 'Enabled' | 'Suspended'): void {
    const state = this.bucket(name);
    state.record.versioning = status;
    this.persistence.writeRecord('s3/buckets', name, state.record);
  }

  setLifecycle(name: string, lifecycle: Record<string, unknown> | undefined): void {
    const state = this.bucket(name);
    if (lifecycle) state.record.lifecycle = lifecycle;
    else delete state.record.lifecycle;
    this.persistence.writeRecord('s3/buckets', name, state.record);
  }

  /** The current version of a key, or undefined when there is none or it is a delete marker. */
  current(bucket: string, key: string): ObjectVersion | undefined {
    const latest = this.bucket(bucket).objects.get(key)?.at(-1);
    return latest && !latest.deleteMarker ? latest : undefined;
  }

  versions(bucket: string, key: string): ObjectVersion[] {
    return this.bucket(bucket).objects.get(key) ?? [];
  }

  /**
   * Adds a version (object or delete marker) as the current one. With versioning on it gets a new
   * id; off or suspended it is the `null` version, replacing any earlier `null` version.
   */
  addVersion(bucket: string, version: Omit<ObjectVersion, 'versionId'>): ObjectVersion {
    const state = this.bucket(bucket);
    const versionId = state.record.versioning === 'Enabled' ? newVersionId() : 'null';
    const stored: ObjectVersion = { ...version, versionId };
    const existing = (state.objects.get(version.key) ?? []).filter(
      (v) => v.versionId !== 'null' || versionId !== 'null',
    );
    this.saveVersions(state, version.key, [...existing, stored]);
    return stored;
  }

  /** Removes one version for good (a delete marker too). */
  removeVersion(bucket: string, key: string, versionId: string): ObjectVersion | undefined {
    const state = this.bucket(bucket);
    const versions = state.objects.get(key) ?? [];
    const removed = versions.find((v) => v.versionId === versionId);
    if (removed)
      this.saveVersions(
        state,
        key,
        versions.filter((v) => v !== removed),
      );
    return removed;
  }

  /** Every key with its versions, sorted by key. */
  keys(bucket: string): Array<[string, ObjectVersion[]]> {
    return [...this.bucket(bucket).objects.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  saveUpload(upload: MultipartUpload): void {
    this.bucket(upload.bucket).uploads.set(upload.uploadId, upload);
    this.persistence.writeRecord(`s3/uploads/${upload.bucket}`, upload.uploadId, upload);
  }

  upload(bucket: string, uploadId: string): MultipartUpload {
    const upload = this.bucket(bucket).uploads.get(uploadId);
    if (!upload) {
      throw new AwsError(
        'NoSuchUpload',
        'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
        404,
        { UploadId: uploadId },
      );
    }
    return upload;
  }

  endUpload(bucket: string, uploadId: string): void {
    this.bucket(bucket).uploads.delete(uploadId);
    this.persistence.deleteRecord(`s3/uploads/${bucket}`, uploadId);
  }

  private saveVersions(state: BucketState, key: string, versions: ObjectVersion[]): void {
    const name = Persistence.safeName(key);
    if (versions.length === 0) {
      state.objects.delete(key);
      this.persistence.deleteRecord(`s3/objects/${state.record.name}`, name);
    } else {
      state.objects.set(key, versions);
      this.persistence.writeRecord(`s3/objects/${state.record.name}`, name, versions);
    }
  }
}
