import { AwsError } from '../../protocol/aws-error.js';
import { escapeXml, parseXml, type XmlNode } from '../../protocol/xml.js';
import { type SandboxResponse, xmlResponse } from '../../service.js';
import { isoDate, OWNER, S3_NAMESPACE, type S3Context, s3Xml } from './context.js';

export function listBuckets({ store }: S3Context): SandboxResponse {
  return s3Xml('ListAllMyBucketsResult', {
    Owner: OWNER,
    Buckets: {
      Bucket: store
        .listBuckets()
        .map((b) => ({ Name: b.name, CreationDate: isoDate(b.created), BucketRegion: b.region })),
    },
  });
}

export function createBucket({ store, bucket, request }: S3Context): SandboxResponse {
  const body = parseXml(request.body.toString('utf8')) as {
    CreateBucketConfiguration?: { LocationConstraint?: string };
  };
  const region = body.CreateBucketConfiguration?.LocationConstraint || request.scope?.region || 'us-east-1';
  store.createBucket(bucket, region);
  return { status: 200, headers: { location: `/${bucket}` } };
}

export function headBucket({ store, bucket }: S3Context): SandboxResponse {
  const record = store.bucket(bucket).record;
  return { status: 200, headers: { 'x-amz-bucket-region': record.region } };
}

export function deleteBucket({ store, bucket }: S3Context): SandboxResponse {
  store.deleteBucket(bucket);
  return { status: 204 };
}

export function getBucketLocation({ store, bucket }: S3Context): SandboxResponse {
  const region = store.bucket(bucket).record.region;
  // The region is the element's text, and us-east-1 is an empty element (API reference: GetBucketLocation).
  return xmlResponse(
    `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_NAMESPACE}">${region === 'us-east-1' ? '' : escapeXml(region)}</LocationConstraint>`,
  );
}

export function getBucketVersioning({ store, bucket }: S3Context): SandboxResponse {
  const status = store.bucket(bucket).record.versioning;
  return s3Xml('VersioningConfiguration', status === 'Unversioned' ? {} : { Status: status });
}

export function putBucketVersioning({ store, bucket, request }: S3Context): SandboxResponse {
  const body = parseXml(request.body.toString('utf8')) as { VersioningConfiguration?: { Status?: string } };
  const status = body.VersioningConfiguration?.Status;
  if (status !== 'Enabled' && status !== 'Suspended') {
    throw new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  }
  store.setVersioning(bucket, status);
  return { status: 200 };
}

export function getBucketLifecycleConfiguration({ store, bucket }: S3Context): SandboxResponse {
  const lifecycle = store.bucket(bucket).record.lifecycle;
  if (!lifecycle)
    throw new AwsError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404, {
      BucketName: bucket,
    });
  return s3Xml('LifecycleConfiguration', lifecycle as XmlNode);
}

export function putBucketLifecycleConfiguration({ store, bucket, request }: S3Context): SandboxResponse {
  const body = parseXml(request.body.toString('utf8')) as {
    LifecycleConfiguration?: Record<string, unknown>;
  };
  const configuration = body.LifecycleConfiguration;
  if (!configuration || !('Rule' in configuration)) {
    throw new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  }
  store.setLifecycle(bucket, configuration);
  return { status: 200 };
}

export function deleteBucketLifecycle({ store, bucket }: S3Context): SandboxResponse {
  store.setLifecycle(bucket, undefined);
  return { status: 204 };
}
