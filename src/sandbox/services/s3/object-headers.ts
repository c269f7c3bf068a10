import type { ObjectHeaders, ObjectVersion, VersioningStatus } from './model.js';

/** Content-Type, Cache-Control, … and `x-amz-meta-*` from a PUT or a CopyObject with REPLACE. */
export function objectHeadersFrom(headers: Headers): ObjectHeaders {
  const metadata: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = value;
  }
  const optional = (name: string) => headers.get(name) ?? undefined;
  return {
    contentType: headers.get('content-type') ?? 'binary/octet-stream',
    ...(optional('cache-control') ? { cacheControl: optional('cache-control') } : {}),
    ...(optional('content-encoding') && optional('content-encoding') !== 'aws-chunked'
      ? {
          contentEncoding: optional('content-encoding')!
            .replace(/(^|,\s*)aws-chunked/, '')
            .replace(/^,\s*/, ''),
        }
      : {}),
    ...(optional('content-disposition') ? { contentDisposition: optional('content-disposition') } : {}),
    metadata,
  };
}

/** The headers GET and HEAD answer with for a stored version. */
export function responseHeaders(
  version: ObjectVersion,
  versioning: VersioningStatus,
): Record<string, string> {
  const headers: Record<string, string> = {
    etag: version.etag,
    'last-modified': new Date(version.lastModified).toUTCString(),
    'content-type': version.contentType,
    'accept-ranges': 'bytes',
  };
  if (version.cacheControl) headers['cache-control'] = version.cacheControl;
  if (version.contentEncoding) headers['content-encoding'] = version.contentEncoding;
  if (version.contentDisposition) headers['content-disposition'] = version.contentDisposition;
  if (versioning !== 'Unversioned') headers['x-amz-version-id'] = version.versionId;
  for (const [name, value] of Object.entries(version.metadata)) headers[`x-amz-meta-${name}`] = value;
  return headers;
}
