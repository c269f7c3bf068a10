import { createHash, randomBytes } from 'node:crypto';
import { AwsError } from '../../protocol/aws-error.js';
import { asList, parseXml } from '../../protocol/xml.js';
import type { SandboxResponse } from '../../service.js';
import { requireKeyLength, type S3Context, s3Xml } from './context.js';
import { objectHeadersFrom } from './object-headers.js';
import { storeObject } from './object-operations.js';
import { readPayload } from './payload.js';

const MIN_PART_BYTES = 5 * 1024 * 1024;

export function createMultipartUpload(context: S3Context): SandboxResponse {
  requireKeyLength(context.key);
  context.store.bucket(context.bucket);
  const uploadId = randomBytes(32).toString('hex');
  const algorithm = context.request.headers.get('x-amz-checksum-algorithm')?.toUpperCase();
  context.store.saveUpload({
    ...(algorithm ? { checksumAlgorithm: algorithm } : {}),
    uploadId,
    bucket: context.bucket,
    key: context.key,
    initiated: new Date().toISOString(),
    headers: objectHeadersFrom(context.request.headers),
    parts: {},
  });
  return s3Xml(
    'InitiateMultipartUploadResult',
    { Bucket: context.bucket, Key: context.key, UploadId: uploadId },
    algorithm ? { 'x-amz-checksum-algorithm': algorithm } : {},
  );
}

export function uploadPart(context: S3Context): SandboxResponse {
  const upload = context.store.upload(context.bucket, context.request.query.get('uploadId')!);
  const partNumber = Number(context.request.query.get('partNumber'));
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
    throw new AwsError(
      'InvalidArgument',
      'Part number must be an integer between 1 and 10000, inclusive',
      400,
    );
  }
  const { bytes, md5 } = readPayload(context.request.headers, context.request.body);
  // readPayload checked a checksum that came with the part; one the upload was created for must come.
  const sha256 = createHash('sha256').update(bytes).digest('base64');
  const headers = context.request.headers;
  const sentSha256 =
    headers.has('x-amz-checksum-sha256') ||
    (headers.get('x-amz-trailer') ?? '').includes('x-amz-checksum-sha256');
  if (upload.checksumAlgorithm === 'SHA256' && !sentSha256) {
    throw new AwsError(
      'InvalidRequest',
      'Checksum Type mismatch occurred, expected checksum Type: sha256, actual checksum Type: other or none',
      400,
    );
  }
  const etag = `"${md5.toString('hex')}"`;
  upload.parts[partNumber] = {
    etag,
    size: bytes.length,
    blob: context.persistence.putBlob(bytes),
    md5: md5.toString('hex'),
    ...(upload.checksumAlgorithm === 'SHA256' ? { sha256 } : {}),
  };
  context.store.saveUpload(upload);
  return {
    status: 200,
    headers: { etag, ...(upload.checksumAlgorithm === 'SHA256' ? { 'x-amz-checksum-sha256': sha256 } : {}) },
  };
}

export function completeMultipartUpload(context: S3Context): SandboxResponse {
  const upload = context.store.upload(context.bucket, context.request.query.get('uploadId')!);
  const body = parseXml(context.request.body.toString('utf8')) as {
    CompleteMultipartUpload?: {
      Part?:
        | Array<{ PartNumber: string; ETag: string; ChecksumSHA256?: string }>
        | { PartNumber: string; ETag: string; ChecksumSHA256?: string };
    };
  };
  const requested = asList(body.CompleteMultipartUpload?.Part);
  if (requested.length === 0) {
    throw new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  }
  const parts = requested.map((part, index) => {
    const number = Number(part.PartNumber);
    const stored = upload.parts[number];
    const checksumDiffers =
      stored?.sha256 !== undefined &&
      part.ChecksumSHA256 !== undefined &&
      String(part.ChecksumSHA256) !== stored.sha256;
    if (!stored || stored.etag.replace(/"/g, '') !== String(part.ETag).replace(/"/g, '') || checksumDiffers) {
      throw new AwsError(
        'InvalidPart',
        "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        400,
        { PartNumber: String(number) },
      );
    }
    if (index > 0 && number <= Number(requested[index - 1]!.PartNumber)) {
      throw new AwsError(
        'InvalidPartOrder',
        'The list of parts was not in ascending order. Parts must be ordered by part number.',
        400,
      );
    }
    return stored;
  });
  parts.slice(0, -1).forEach((part, index) => {
    if (part.size < MIN_PART_BYTES) {
      throw new AwsError(
        'EntityTooSmall',
        'Your proposed upload is smaller than the minimum allowed object size.',
        400,
        { PartNumber: String(requested[index]!.PartNumber) },
      );
    }
  });
  const bytes = Buffer.concat(parts.map((part) => context.persistence.getBlob(part.blob)));
  const digest = createHash('md5')
    .update(Buffer.concat(parts.map((part) => Buffer.from(part.md5, 'hex'))))
    .digest('hex');
  const version = storeObject(
    { ...context, key: upload.key },
    bytes,
    `"${digest}-${parts.length}"`,
    upload.headers,
  );
  context.store.endUpload(context.bucket, upload.uploadId);
  return s3Xml(
    'CompleteMultipartUploadResult',
    {
      Location: `/${context.bucket}/${encodeURIComponent(upload.key)}`,
      Bucket: context.bucket,
      Key: upload.key,
      ETag: version.etag,
    },
    context.store.bucket(context.bucket).record.versioning === 'Unversioned'
      ? {}
      : { 'x-amz-version-id': version.versionId },
  );
}

export function abortMultipartUpload(context: S3Context): SandboxResponse {
  const upload = context.store.upload(context.bucket, context.request.query.get('uploadId')!);
  context.store.endUpload(context.bucket, upload.uploadId);
  return { status: 204 };
}
