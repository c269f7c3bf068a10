export type VersioningStatus = 'Unversioned' | 'Enabled' | 'Suspended';

export interface BucketRecord {
  name: string;
  region: string;
  created: string;
  versioning: VersioningStatus;
  /** The bucket's lifecycle configuration as it was put (the `LifecycleConfiguration` element), kept, never applied. */
  lifecycle?: Record<string, unknown>;
}

/** What is stored with an object and returned on GET/HEAD. */
export interface ObjectHeaders {
  contentType: string;
  cacheControl?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  /** `x-amz-meta-*`, names lower-case without the prefix. */
  metadata: Record<string, string>;
}

export interface ObjectVersion extends ObjectHeaders {
  key: string;
  /** `null` for objects written while versioning was off or suspended. */
  versionId: string;
  deleteMarker: boolean;
  lastModified: string;
  etag: string;
  size: number;
  /** Content-addressed handle of the bytes (see Persistence). */
  blob: string;
}

export interface MultipartUpload {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: string;
  headers: ObjectHeaders;
  parts: Record<number, { etag: string; size: number; blob: string; md5: string; sha256?: string }>;
  /** `x-amz-checksum-algorithm` of CreateMultipartUpload: every part must then carry that checksum. */
  checksumAlgorithm?: string;
}
