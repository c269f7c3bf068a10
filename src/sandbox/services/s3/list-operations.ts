import { AwsError } from '../../protocol/aws-error.js';
import type { SandboxResponse } from '../../service.js';
import { isoDate, OWNER, type S3Context, s3Xml } from './context.js';
import type { ObjectVersion } from './model.js';

/** A listing entry: a key (with its versions) or a common prefix standing for every key under it. */
type Entry = { kind: 'key'; key: string; versions: ObjectVersion[] } | { kind: 'prefix'; prefix: string };

/** Keys under `prefix`, in order, with keys past a delimiter rolled up into common prefixes. */
function entries(
  context: S3Context,
  prefix: string,
  delimiter: string,
  keep: (versions: ObjectVersion[]) => boolean,
): Entry[] {
  const out: Entry[] = [];
  for (const [key, versions] of context.store.keys(context.bucket)) {
    if (!key.startsWith(prefix) || !keep(versions)) continue;
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    if (cut === -1) {
      out.push({ kind: 'key', key, versions });
      continue;
    }
    const common = key.slice(0, cut + delimiter.length);
    const last = out.at(-1);
    if (!(last?.kind === 'prefix' && last.prefix === common)) out.push({ kind: 'prefix', prefix: common });
  }
  return out;
}

/** Where an entry sorts, for markers: a common prefix covers every key that starts with it. */
const after = (entry: Entry, marker: string) =>
  entry.kind === 'key' ? entry.key > marker : entry.prefix > marker && !marker.startsWith(entry.prefix);

function maxKeys(context: S3Context): number {
  const requested = context.request.query.get('max-keys');
  if (requested !== null && !/^\d+$/.test(requested))
    throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400);
  return Math.min(requested === null ? 1000 : Number(requested), context.options.pageSize);
}

function encoder(context: S3Context): (text: string) => string {
  const type = context.request.query.get('encoding-type');
  if (type !== null && type !== 'url')
    throw new AwsError('InvalidArgument', 'Invalid Encoding Method specified in Request', 400);
  return type === 'url' ? (text) => encodeURIComponent(text).replace(/%2F/g, '/') : (text) => text;
}

export function listObjectsV2(context: S3Context): SandboxResponse {
  const query = context.request.query;
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const limit = maxKeys(context);
  const encode = encoder(context);
  const token = query.get('continuation-token');
  let marker = query.get('start-after') ?? '';
  if (token !== null) {
    try {
      marker = Buffer.from(token, 'base64url').toString('utf8');
    } catch {
      throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400);
    }
  }
  const all = entries(context, prefix, delimiter, (versions) => !versions.at(-1)!.deleteMarker).filter(
    (entry) => after(entry, marker),
  );
  const page = all.slice(0, limit);
  const truncated = all.length > page.length;
  const last = page.at(-1);
  return s3Xml('ListBucketResult', {
    Name: context.bucket,
    Prefix: encode(prefix),
    ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
    MaxKeys: limit,
    KeyCount: page.length,
    IsTruncated: truncated,
    ...(query.get('encoding-type') ? { EncodingType: 'url' } : {}),
    ...(token !== null ? { ContinuationToken: token } : {}),
    ...(query.get('start-after') !== null ? { StartAfter: encode(query.get('start-after')!) } : {}),
    ...(truncated && last
      ? {
          NextContinuationToken: Buffer.from(last.kind === 'key' ? last.key : last.prefix).toString(
            'base64url',
          ),
        }
      : {}),
    Contents: page.flatMap((entry) => {
      if (entry.kind !== 'key') return [];
      const current = entry.versions.at(-1)!;
      return [
        {
          Key: encode(entry.key),
          LastModified: isoDate(current.lastModified),
          ETag: current.etag,
          Size: current.size,
          StorageClass: 'STANDARD',
        },
      ];
    }),
    CommonPrefixes: page.flatMap((entry) =>
      entry.kind === 'prefix' ? [{ Prefix: encode(entry.prefix) }] : [],
    ),
  });
}

export function listObjectVersions(context: S3Context): SandboxResponse {
  const query = context.request.query;
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const limit = maxKeys(context);
  const encode = encoder(context);
  const keyMarker = query.get('key-marker') ?? '';
  const versionIdMarker = query.get('version-id-marker');

  // One row per version, newest first within a key; a common prefix is one row.
  type Row = { entry: Entry; version?: ObjectVersion; latest?: boolean };
  const rows: Row[] = entries(context, prefix, delimiter, () => true).flatMap((entry): Row[] =>
    entry.kind === 'prefix'
      ? [{ entry }]
      : [...entry.versions].reverse().map((version, index) => ({ entry, version, latest: index === 0 })),
  );
  let start = 0;
  if (keyMarker) {
    start = rows.findIndex((row) => {
      if (row.entry.kind === 'prefix') return after(row.entry, keyMarker);
      if (row.entry.key > keyMarker) return true;
      return false;
    });
    if (versionIdMarker) {
      const at = rows.findIndex(
        (row) =>
          row.entry.kind === 'key' &&
          row.entry.key === keyMarker &&
          row.version?.versionId === versionIdMarker,
      );
      if (at !== -1) start = at + 1;
    }
    if (start === -1) start = rows.length;
  }
  const page = rows.slice(start, start + limit);
  const truncated = start + limit < rows.length;
  const last = page.at(-1);
  const row = (r: Row) => ({
    Key: encode(r.version!.key),
    VersionId: r.version!.versionId,
    IsLatest: r.latest,
    LastModified: isoDate(r.version!.lastModified),
    ...(r.version!.deleteMarker
      ? {}
      : { ETag: r.version!.etag, Size: r.version!.size, StorageClass: 'STANDARD' }),
    Owner: OWNER,
  });
  return s3Xml('ListVersionsResult', {
    Name: context.bucket,
    Prefix: encode(prefix),
    KeyMarker: encode(keyMarker),
    VersionIdMarker: versionIdMarker ?? '',
    ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
    MaxKeys: limit,
    IsTruncated: truncated,
    ...(query.get('encoding-type') ? { EncodingType: 'url' } : {}),
    ...(truncated && last
      ? last.entry.kind === 'prefix'
        ? { NextKeyMarker: encode(last.entry.prefix) }
        : { NextKeyMarker: encode(last.entry.key), NextVersionIdMarker: last.version!.versionId }
      : {}),
    Version: page.filter((r) => r.version && !r.version.deleteMarker).map(row),
    DeleteMarker: page.filter((r) => r.version?.deleteMarker).map(row),
    CommonPrefixes: page.flatMap((r) =>
      r.entry.kind === 'prefix' ? [{ Prefix: encode(r.entry.prefix) }] : [],
    ),
  });
}
