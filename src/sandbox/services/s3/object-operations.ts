import { createHash } from 'node:crypto';
import { AwsError } from '../../protocol/aws-error.js';
import { asList, parseXml } from '../../protocol/xml.js';
import type { SandboxResponse } from '../../service.js';
import { isoDate, requireKeyLength, type S3Context, s3Xml } from './context.js';
import type { ObjectHeaders, ObjectVersion } from './model.js';
import { objectHeadersFrom, responseHeaders } from './object-headers.js';
import { readPayload } from './payload.js';

const versionHeader = (context: S3Context, version: ObjectVersion): Record<string, string> =>
  context.store.bucket(context.bucket).record.versioning === 'Unversioned'
    ? {}
    : { 'x-amz-version-id': version.versionId };

/** `If-Match: <etag>` or `*` on a write or delete: only while the current version is that one (or any). */
function checkIfMatch(context: S3Context): void {
  const current = context.store.current(context.bucket, context.key);
  const ifMatch = context.request.headers.get('if-match');
  if (ifMatch === null) return;
  if (!current)
    throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: context.key });
  if (ifMatch.trim() !== '*' && !etagMatches(ifMatch, current.etag)) {
    throw new AwsError(
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
      412,
      { Condition: 'If-Match' },
    );
  }
}

/** `If-None-Match: *` (create only) and `If-Match: <etag>` (replace only that version). */
function checkWritePreconditions(context: S3Context): void {
  const { headers } = context.request;
  const current = context.store.current(context.bucket, context.key);
  const ifNoneMatch = headers.get('if-none-match');
  if (ifNoneMatch !== null) {
    if (ifNoneMatch.trim() !== '*')
      throw new AwsError('NotImplemented', 'If-None-Match on a write only supports *', 501);
    if (current)
      throw new AwsError(
        'PreconditionFailed',
        'At least one of the pre-conditions you specified did not hold',
        412,
        { Condition: 'If-None-Match' },
      );
  }
  checkIfMatch(context);
}

const etagMatches = (header: string, etag: string) =>
  header
    .split(',')
    .some((candidate) => candidate.trim() === '*' || candidate.trim().replace(/^W\//, '') === etag);

export function storeObject(
  context: S3Context,
  bytes: Buffer,
  etag: string,
  headers: ObjectHeaders,
): ObjectVersion {
  return context.store.addVersion(context.bucket, {
    key: context.key,
    deleteMarker: false,
    lastModified: new Date().toISOString(),
    etag,
    size: bytes.length,
    blob: context.persistence.putBlob(bytes),
    ...headers,
  });
}

export function putObject(context: S3Context): SandboxResponse {
  requireKeyLength(context.key);
  context.store.bucket(context.bucket);
  const { bytes, md5 } = readPayload(context.request.headers, context.request.body);
  checkWritePreconditions(context);
  const version = storeObject(
    context,
    bytes,
    `"${md5.toString('hex')}"`,
    objectHeadersFrom(context.request.headers),
  );
  const checksums: Record<string, string> = {};
  for (const name of ['x-amz-checksum-crc32', 'x-amz-checksum-sha256', 'x-amz-checksum-sha1']) {
    const value = context.request.headers.get(name);
    if (value) checksums[name] = value;
  }
  return { status: 200, headers: { etag: version.etag, ...versionHeader(context, version), ...checksums } };
}

/** The version a GET, HEAD or copy source names: `versionId`, or the current one. */
export function findVersion(
  context: S3Context,
  bucket: string,
  key: string,
  versionId: string | null,
): ObjectVersion {
  const versions = context.store.versions(bucket, key);
  if (versionId !== null) {
    const version = versions.find((v) => v.versionId === versionId);
    if (!version)
      throw new AwsError('NoSuchVersion', 'The specified version does not exist.', 404, {
        Key: key,
        VersionId: versionId,
      });
    if (version.deleteMarker) {
      throw new AwsError(
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
        405,
        { Method: 'GET', ResourceType: 'DeleteMarker' },
        {
          'x-amz-delete-marker': 'true',
          'x-amz-version-id': version.versionId,
          'last-modified': new Date(version.lastModified).toUTCString(),
        },
      );
    }
    return version;
  }
  const latest = versions.at(-1);
  if (!latest || latest.deleteMarker) {
    throw new AwsError(
      'NoSuchKey',
      'The specified key does not exist.',
      404,
      { Key: key },
      latest ? { 'x-amz-delete-marker': 'true', 'x-amz-version-id': latest.versionId } : {},
    );
  }
  return latest;
}

export function getObject(context: S3Context, withBody: boolean): SandboxResponse {
  const { headers, query } = context.request;
  const bucket = context.store.bucket(context.bucket);
  const version = findVersion(context, context.bucket, context.key, query.get('versionId'));
  const out = responseHeaders(version, bucket.record.versioning);
  const ifMatch = headers.get('if-match');
  if (ifMatch !== null && !etagMatches(ifMatch, version.etag)) {
    throw new AwsError(
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
      412,
      { Condition: 'If-Match' },
    );
  }
  const ifNoneMatch = headers.get('if-none-match');
  if (ifNoneMatch !== null && etagMatches(ifNoneMatch, version.etag))
    return { status: 304, headers: { etag: version.etag } };
  const bytes = context.persistence.getBlob(version.blob);
  const range = headers.get('range');
  if (range) {
    const [start, end] = parseRange(range, bytes.length);
    const slice = bytes.subarray(start, end + 1);
    return {
      status: 206,
      headers: {
        ...out,
        'content-range': `bytes ${start}-${end}/${bytes.length}`,
        'content-length': String(slice.length),
      },
      ...(withBody ? { body: slice } : {}),
    };
  }
  return {
    status: 200,
    headers: { ...out, 'content-length': String(bytes.length) },
    ...(withBody ? { body: bytes } : {}),
  };
}

function parseRange(header: string, size: number): [number, number] {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  const invalid = new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, {
    RangeRequested: header,
    ActualObjectSize: String(size),
  });
  if (!match || (match[1] === '' && match[2] === '')) throw invalid;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) throw invalid;
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) throw invalid;
  return [start, end];
}

/** Deletes a version for good, or (no versionId) removes the key or adds a delete marker. */
export function deleteObject(
  context: S3Context,
  key = context.key,
  versionId = context.request.query.get('versionId'),
) {
  const bucket = context.store.bucket(context.bucket);
  if (versionId !== null) {
    const removed = context.store.removeVersion(context.bucket, key, versionId);
    return { versionId, deleteMarker: removed?.deleteMarker ?? false };
  }
  if (bucket.record.versioning === 'Unversioned') {
    context.store.removeVersion(context.bucket, key, 'null');
    return { deleteMarker: false };
  }
  const marker = context.store.addVersion(context.bucket, {
    key,
    deleteMarker: true,
    lastModified: new Date().toISOString(),
    etag: '',
    size: 0,
    blob: '',
    contentType: '',
    metadata: {},
  });
  return { versionId: marker.versionId, deleteMarker: true, markerVersionId: marker.versionId };
}

export function deleteObjectOperation(context: S3Context): SandboxResponse {
  if (context.request.query.get('versionId') === null) checkIfMatch(context);
  const result = deleteObject(context);
  return {
    status: 204,
    headers: {
      ...(result.versionId ? { 'x-amz-version-id': result.versionId } : {}),
      ...(result.deleteMarker ? { 'x-amz-delete-marker': 'true' } : {}),
    },
  };
}

export function deleteObjects(context: S3Context): SandboxResponse {
  readPayload(context.request.headers, context.request.body);
  const parsed = parseXml(context.request.body.toString('utf8')) as {
    Delete?: {
      Quiet?: string;
      Object?: Array<{ Key: string; VersionId?: string }> | { Key: string; VersionId?: string };
    };
  };
  if (!parsed.Delete)
    throw new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  const objects = asList(parsed.Delete.Object);
  if (objects.length === 0 || objects.length > 1000) {
    throw new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  }
  const quiet = parsed.Delete.Quiet === 'true';
  const deleted = objects.map((object) => {
    const result = deleteObject(context, String(object.Key), object.VersionId ?? null);
    return {
      Key: object.Key,
      VersionId: object.VersionId,
      ...(result.deleteMarker ? { DeleteMarker: true } : {}),
      ...(result.markerVersionId ? { DeleteMarkerVersionId: result.markerVersionId } : {}),
    };
  });
  return s3Xml('DeleteResult', quiet ? {} : { Deleted: deleted });
}

export function copyObject(context: S3Context): SandboxResponse {
  requireKeyLength(context.key);
  const source = context.request.headers.get('x-amz-copy-source')!;
  const [path, search] = source.split('?') as [string, string | undefined];
  const decoded = decodeURIComponent(path).replace(/^\//, '');
  const slash = decoded.indexOf('/');
  if (slash < 1)
    throw new AwsError(
      'InvalidArgument',
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      400,
    );
  const sourceBucket = decoded.slice(0, slash);
  const sourceKey = decoded.slice(slash + 1);
  const sourceVersionId = new URLSearchParams(search ?? '').get('versionId');
  context.store.bucket(sourceBucket);
  context.store.bucket(context.bucket);
  const sourceVersion = findVersion(context, sourceBucket, sourceKey, sourceVersionId);
  const directive = (context.request.headers.get('x-amz-metadata-directive') ?? 'COPY').toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE') {
    throw new AwsError('InvalidArgument', 'Unknown metadata directive.', 400);
  }
  if (
    sourceBucket === context.bucket &&
    sourceKey === context.key &&
    directive === 'COPY' &&
    sourceVersionId === null
  ) {
    throw new AwsError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      400,
    );
  }
  checkWritePreconditions(context);
  const {
    key: _key,
    versionId: _versionId,
    deleteMarker: _marker,
    lastModified: _modified,
    etag: _etag,
    size: _size,
    blob,
    ...sourceHeaders
  } = sourceVersion;
  const headers = directive === 'REPLACE' ? objectHeadersFrom(context.request.headers) : sourceHeaders;
  const bytes = context.persistence.getBlob(blob);
  // A copy is a single-part object: its ETag is the MD5 of the bytes, even from a multipart source.
  const version = storeObject(context, bytes, `"${createHash('md5').update(bytes).digest('hex')}"`, headers);
  return s3Xml(
    'CopyObjectResult',
    { LastModified: isoDate(version.lastModified), ETag: version.etag },
    {
      ...versionHeader(context, version),
      ...(context.store.bucket(sourceBucket).record.versioning !== 'Unversioned'
        ? { 'x-amz-copy-source-version-id': sourceVersion.versionId }
        : {}),
    },
  );
}
