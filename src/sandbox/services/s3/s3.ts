import type { ResolvedSandboxOptions } from '../../options.js';
import type { Persistence } from '../../persistence.js';
import { AwsError } from '../../protocol/aws-error.js';
import { xmlDocument } from '../../protocol/xml.js';
import type { Operation, SandboxRequest, SandboxService } from '../../service.js';
import * as buckets from './bucket-operations.js';
import type { S3Context } from './context.js';
import * as lists from './list-operations.js';
import * as multipart from './multipart-operations.js';
import * as objects from './object-operations.js';
import type { S3Store } from './store.js';

/** Bucket and key from a path-style (`/bucket/key`) or virtual-hosted (`bucket.s3.localhost`) request. */
export function bucketAndKey(request: SandboxRequest): { bucket: string; key: string } {
  const hostname = request.host.replace(/:\d+$/, '');
  const virtual = /^(.+?)\.(?:s3[.-].*|localhost)$/.exec(hostname);
  const segments = request.rawPath.replace(/^\//, '');
  if (virtual && !/^s3[.-]/.test(hostname)) return { bucket: virtual[1]!, key: decodeURIComponent(segments) };
  const slash = segments.indexOf('/');
  if (slash === -1) return { bucket: decodeURIComponent(segments), key: '' };
  return {
    bucket: decodeURIComponent(segments.slice(0, slash)),
    key: decodeURIComponent(segments.slice(slash + 1)),
  };
}

export function createS3Service(
  options: ResolvedSandboxOptions,
  persistence: Persistence,
  store: S3Store,
): SandboxService {
  const operation = (name: string, run: () => ReturnType<Operation['run']>): Operation => ({ name, run });

  return {
    name: 's3',
    renderError(error, requestId) {
      // HEAD responses carry no body; the SDK reads the status code (404 → NotFound).
      return {
        status: error.status,
        headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId, ...error.headers },
        body: xmlDocument('Error', undefined, {
          Code: error.code,
          Message: error.message,
          ...error.extra,
          RequestId: requestId,
        }),
      };
    },
    route(request) {
      const { bucket, key } = bucketAndKey(request);
      const context: S3Context = { request, bucket, key, store, persistence, options };
      const q = request.query;
      const method = request.method;
      if (!bucket) {
        if (method === 'GET') return operation('ListBuckets', () => buckets.listBuckets(context));
      } else if (!key) {
        if (method === 'PUT' && q.has('versioning'))
          return operation('PutBucketVersioning', () => buckets.putBucketVersioning(context));
        if (method === 'GET' && q.has('versioning'))
          return operation('GetBucketVersioning', () => buckets.getBucketVersioning(context));
        if (method === 'GET' && q.has('lifecycle'))
          return operation('GetBucketLifecycleConfiguration', () =>
            buckets.getBucketLifecycleConfiguration(context),
          );
        if (method === 'PUT' && q.has('lifecycle'))
          return operation('PutBucketLifecycleConfiguration', () =>
            buckets.putBucketLifecycleConfiguration(context),
          );
        if (method === 'DELETE' && q.has('lifecycle'))
          return operation('DeleteBucketLifecycle', () => buckets.deleteBucketLifecycle(context));
        if (method === 'GET' && q.has('location'))
          return operation('GetBucketLocation', () => buckets.getBucketLocation(context));
        if (method === 'GET' && q.has('versions'))
          return operation('ListObjectVersions', () => lists.listObjectVersions(context));
        if (method === 'GET' && q.get('list-type') === '2')
          return operation('ListObjectsV2', () => lists.listObjectsV2(context));
        if (method === 'POST' && q.has('delete'))
          return operation('DeleteObjects', () => objects.deleteObjects(context));
        if (method === 'PUT' && [...q.keys()].length === 0)
          return operation('CreateBucket', () => buckets.createBucket(context));
        if (method === 'HEAD') return operation('HeadBucket', () => buckets.headBucket(context));
        if (method === 'DELETE' && [...q.keys()].length === 0)
          return operation('DeleteBucket', () => buckets.deleteBucket(context));
      } else {
        if (method === 'POST' && q.has('uploads'))
          return operation('CreateMultipartUpload', () => multipart.createMultipartUpload(context));
        if (method === 'PUT' && q.has('uploadId') && q.has('partNumber')) {
          if (request.headers.has('x-amz-copy-source')) throw notImplemented('UploadPartCopy');
          return operation('UploadPart', () => multipart.uploadPart(context));
        }
        if (method === 'POST' && q.has('uploadId'))
          return operation('CompleteMultipartUpload', () => multipart.completeMultipartUpload(context));
        if (method === 'DELETE' && q.has('uploadId'))
          return operation('AbortMultipartUpload', () => multipart.abortMultipartUpload(context));
        if (method === 'PUT' && request.headers.has('x-amz-copy-source'))
          return operation('CopyObject', () => objects.copyObject(context));
        if (method === 'PUT') return operation('PutObject', () => objects.putObject(context));
        if (method === 'GET') return operation('GetObject', () => objects.getObject(context, true));
        if (method === 'HEAD') return operation('HeadObject', () => objects.getObject(context, false));
        if (method === 'DELETE')
          return operation('DeleteObject', () => objects.deleteObjectOperation(context));
      }
      throw notImplemented(`${method} ${request.rawPath}?${q.toString()}`);
    },
  };
}

function notImplemented(what: string): AwsError {
  return new AwsError('NotImplemented', `The sandbox does not implement this S3 request: ${what}`, 501);
}
