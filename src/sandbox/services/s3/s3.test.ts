import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteBucketLifecycleCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../../test/helpers/sandbox.js';
import { testdir } from '../../../../test/helpers/testdir.js';

async function s3(options: Parameters<typeof sandbox>[0] = {}) {
  const running = await sandbox(options);
  const client = new S3Client({ ...running.client, forcePathStyle: true });
  return { running, client };
}

const text = async (body: { transformToString(): Promise<string> } | undefined) => body?.transformToString();

describe('sandbox S3 buckets', () => {
  it('creates, lists, heads and deletes buckets', async () => {
    const { client } = await s3();
    await client.send(new CreateBucketCommand({ Bucket: 'site-a' }));
    await client.send(
      new CreateBucketCommand({
        Bucket: 'site-b',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    const listed = await client.send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((b) => b.Name)).toEqual(['site-a', 'site-b']);
    const head = await client.send(new HeadBucketCommand({ Bucket: 'site-b' }));
    expect(head.BucketRegion).toBe('eu-west-1');
    await client.send(new DeleteBucketCommand({ Bucket: 'site-a' }));
    await expect(client.send(new HeadBucketCommand({ Bucket: 'site-a' }))).rejects.toMatchObject({
      name: 'NotFound',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('answers with the errors AWS uses', async () => {
    const { client } = await s3();
    await client.send(new CreateBucketCommand({ Bucket: 'taken' }));
    await expect(client.send(new CreateBucketCommand({ Bucket: 'taken' }))).rejects.toMatchObject({
      name: 'BucketAlreadyOwnedByYou',
    });
    await expect(client.send(new CreateBucketCommand({ Bucket: 'Bad_Name' }))).rejects.toMatchObject({
      name: 'InvalidBucketName',
    });
    await expect(client.send(new GetObjectCommand({ Bucket: 'missing', Key: 'x' }))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
    await client.send(new PutObjectCommand({ Bucket: 'taken', Key: 'x', Body: 'x' }));
    await expect(client.send(new DeleteBucketCommand({ Bucket: 'taken' }))).rejects.toMatchObject({
      name: 'BucketNotEmpty',
      $metadata: { httpStatusCode: 409 },
    });
  });
});

describe('sandbox S3 objects', () => {
  it('stores the body, type, cache control and metadata; the ETag is the MD5', async () => {
    const { client } = await s3();
    await client.send(new CreateBucketCommand({ Bucket: 'web' }));
    const body = '<h1>hello</h1>';
    const put = await client.send(
      new PutObjectCommand({
        Bucket: 'web',
        Key: 'a b/index.html',
        Body: body,
        ContentType: 'text/html',
        CacheControl: 'no-cache',
        Metadata: { 'omnix-hash': 'abc' },
      }),
    );
    const md5 = createHash('md5').update(body).digest('hex');
    expect(put.ETag).toBe(`"${md5}"`);
    const got = await client.send(new GetObjectCommand({ Bucket: 'web', Key: 'a b/index.html' }));
    expect(await text(got.Body)).toBe(body);
    expect(got).toMatchObject({
      ContentType: 'text/html',
      CacheControl: 'no-cache',
      Metadata: { 'omnix-hash': 'abc' },
      ETag: `"${md5}"`,
      ContentLength: body.length,
    });
    expect(got.VersionId).toBeUndefined();
    const head = await client.send(new HeadObjectCommand({ Bucket: 'web', Key: 'a b/index.html' }));
    expect(head.ContentLength).toBe(body.length);
    await expect(client.send(new HeadObjectCommand({ Bucket: 'web', Key: 'nope' }))).rejects.toMatchObject({
      name: 'NotFound',
    });
    await expect(client.send(new GetObjectCommand({ Bucket: 'web', Key: 'nope' }))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
  });

  it('rejects a body whose Content-MD5 does not match', async () => {
    const { client } = await s3();
    await client.send(new CreateBucketCommand({ Bucket: 'web' }));
    const wrong = createHash('md5').update('other').digest('base64');
    await expect(
      client.send(new PutObjectCommand({ Bucket: 'web', Key: 'k', Body: 'data', ContentMD5: wrong })),
    ).rejects.toMatchObject({ name: 'BadDigest' });
  });

  it('honours If-None-Match: * and If-Match on writes', async () => {
    const { client } = await s3();
    await client.send(new CreateBucketCommand({ Bucket: 'state' }));
    const first = await client.send(
      new PutObjectCommand({ Bucket: 'state', Key: 'lock', Body: 'a', IfNoneMatch: '*' }),
    );
    await expect(
      client.send(new PutObjectCommand({ Bucket: 'state', Key: 'lock', Body: 'b', IfNoneMatch: '*' })),
    ).rejects.toMatchObject({
      name: 'PreconditionFailed',
      $metadata: { httpStatusCode: 412 },
    });
    await expect(
      client.send(new PutObjectCommand({ Bucket: 'state', Key: 'lock', Body: 'c', IfMatch: '"0123"' })),
    ).rejects.toMatchObject({ name: 'PreconditionFailed' });
    await client.send(new PutObjectCommand({ Bucket: 'state', Key: 'lock', Body: 'd', IfMatch: first.ETag }));
    expect(await text((await client.send(new GetObjectCommand({ Bucket: 'state', Key: 'lock' }))).Body)).toBe(
      'd',
    );
  });

  it('deletes only while If-Match names the current ETag', async () => {
    const { client } = await s3();
    await client.send(new CreateBucketCommand({ Bucket: 'state' }));
    const put = await client.send(new PutObjectCommand({ Bucket: 'state', Key: 'lock', Body: 'a' }));
    await expect(
      client.send(new DeleteObjectCommand({ Bucket: 'state', Key: 'lock', IfMatch: '"0123"' })),
    ).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    await client.send(new DeleteObjectCommand({ Bucket: 'state', Key: 'lock', IfMatch: put.ETag }));
    await expect(
      client.send(new DeleteObjectCommand({ Bucket: 'state', Key: 'lock', IfMatch: '*' })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('serves byte ranges', async () => {
    const { client } = await s3();
    await client.send(new CreateBucketCommand({ Bucket: 'web' }));
    await client.send(new PutObjectCommand({ Bucket: 'web', Key: 'k', Body: '0123456789' }));
    const part = await client.send(new GetObjectCommand({ Bucket: 'web', Key: 'k', Range: 'bytes=2-4' }));
    expect(await text(part.Body)).toBe('234');
    expect(part.ContentRange).toBe('bytes 2-4/10');
    await expect(
      client.send(new GetObjectCommand({ Bucket: 'web', Key: 'k', Range: 'bytes=20-30' })),
    ).rejects.toMatchObject({ name: 'InvalidRange' });
  });

  it('deletes many objects at once', async () => {
    const { client } = await s3();
    await client.send(new CreateBucketCommand({ Bucket: 'web' }));
    for (const key of ['a', 'b', 'c'])
      await client.send(new PutObjectCommand({ Bucket: 'web', Key: key, Body: key }));
    const result = await client.send(
      new DeleteObjectsCommand({ Bucket: 'web', Delete: { Objects: [{ Key: 'a' }, { Key: 'b' }] } }),
    );
    expect(result.Deleted?.map((d) => d.Key)).toEqual(['a', 'b']);
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client }, { Bucket: 'web' }))
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    expect(keys).toEqual(['c']);
  });
});

describe('sandbox S3 lifecycle configuration', () => {
  it('stores the rules as put, answers NoSuchLifecycleConfiguration without them, and deletes them', async () => {
    const { client } = await s3({ pageSize: 100 });
    await client.send(new CreateBucketCommand({ Bucket: 'site' }));
    await expect(
      client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'site' })),
    ).rejects.toMatchObject({
      name: 'NoSuchLifecycleConfiguration',
      $metadata: { httpStatusCode: 404 },
    });
    await client.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'site',
        LifecycleConfiguration: {
          Rules: [
            {
              ID: 'old-versions',
              Status: 'Enabled',
              Filter: { Prefix: 'assets/' },
              NoncurrentVersionExpiration: { NoncurrentDays: 7 },
            },
            { ID: 'second', Status: 'Disabled', Filter: { Prefix: '' }, Expiration: { Days: 30 } },
          ],
        },
      }),
    );
    const got = await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'site' }));
    expect(got.Rules).toEqual([
      {
        ID: 'old-versions',
        Status: 'Enabled',
        Filter: { Prefix: 'assets/' },
        NoncurrentVersionExpiration: { NoncurrentDays: 7 },
      },
      { ID: 'second', Status: 'Disabled', Filter: { Prefix: '' }, Expiration: { Days: 30 } },
    ]);
    await client.send(new DeleteBucketLifecycleCommand({ Bucket: 'site' }));
    await expect(
      client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'site' })),
    ).rejects.toMatchObject({
      name: 'NoSuchLifecycleConfiguration',
    });
  });
});

describe('sandbox S3 versioning', () => {
  it('keeps every version, hides a key behind a delete marker, and restores an old version by copying it', async () => {
    const { client } = await s3({ pageSize: 100 });
    await client.send(new CreateBucketCommand({ Bucket: 'site' }));
    expect((await client.send(new GetBucketVersioningCommand({ Bucket: 'site' }))).Status).toBeUndefined();
    await client.send(
      new PutBucketVersioningCommand({ Bucket: 'site', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    expect((await client.send(new GetBucketVersioningCommand({ Bucket: 'site' }))).Status).toBe('Enabled');

    const v1 = await client.send(new PutObjectCommand({ Bucket: 'site', Key: 'index.html', Body: 'v1' }));
    const v2 = await client.send(new PutObjectCommand({ Bucket: 'site', Key: 'index.html', Body: 'v2' }));
    expect(v1.VersionId).toBeTruthy();
    expect(v2.VersionId).not.toBe(v1.VersionId);
    expect(
      await text(
        (
          await client.send(
            new GetObjectCommand({ Bucket: 'site', Key: 'index.html', VersionId: v1.VersionId }),
          )
        ).Body,
      ),
    ).toBe('v1');

    const deleted = await client.send(new DeleteObjectCommand({ Bucket: 'site', Key: 'index.html' }));
    expect(deleted.DeleteMarker).toBe(true);
    await expect(
      client.send(new GetObjectCommand({ Bucket: 'site', Key: 'index.html' })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(
      client.send(new GetObjectCommand({ Bucket: 'site', Key: 'index.html', VersionId: 'nope' })),
    ).rejects.toMatchObject({ name: 'NoSuchVersion' });

    const copied = await client.send(
      new CopyObjectCommand({
        Bucket: 'site',
        Key: 'index.html',
        CopySource: `site/index.html?versionId=${encodeURIComponent(v1.VersionId!)}`,
      }),
    );
    expect(copied.CopySourceVersionId).toBe(v1.VersionId);
    expect(
      await text((await client.send(new GetObjectCommand({ Bucket: 'site', Key: 'index.html' }))).Body),
    ).toBe('v1');

    const versions = await client.send(new ListObjectVersionsCommand({ Bucket: 'site', MaxKeys: 10 }));
    expect(versions.Versions?.map((v) => [v.VersionId === copied.VersionId, v.IsLatest])).toEqual([
      [true, true],
      [false, false],
      [false, false],
    ]);
    expect(versions.DeleteMarkers).toHaveLength(1);
    expect(versions.DeleteMarkers?.[0]?.VersionId).toBe(deleted.VersionId);

    // Removing the delete marker by its version id brings the previous version back.
    await client.send(
      new DeleteObjectCommand({ Bucket: 'site', Key: 'index.html', VersionId: deleted.VersionId }),
    );
    expect(
      (await client.send(new ListObjectVersionsCommand({ Bucket: 'site' }))).DeleteMarkers,
    ).toBeUndefined();
  });

  it('pages through versions with key and version id markers', async () => {
    const { client } = await s3({ pageSize: 2 });
    await client.send(new CreateBucketCommand({ Bucket: 'vvv' }));
    await client.send(
      new PutBucketVersioningCommand({ Bucket: 'vvv', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    const written: string[] = [];
    for (const key of ['a', 'a', 'a', 'b', 'c']) {
      written.push(
        (await client.send(new PutObjectCommand({ Bucket: 'vvv', Key: key, Body: key }))).VersionId!,
      );
    }
    const seen: string[] = [];
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await client.send(
        new ListObjectVersionsCommand({
          Bucket: 'vvv',
          KeyMarker: keyMarker,
          VersionIdMarker: versionIdMarker,
        }),
      );
      seen.push(...(result.Versions ?? []).map((v) => v.VersionId!));
      if (!result.IsTruncated) break;
      keyMarker = result.NextKeyMarker;
      versionIdMarker = result.NextVersionIdMarker;
    }
    expect(seen).toEqual([written[2], written[1], written[0], written[3], written[4]]);
  });

  it('writes the null version while versioning is suspended', async () => {
    const { client } = await s3();
    await client.send(new CreateBucketCommand({ Bucket: 'sss' }));
    await client.send(
      new PutBucketVersioningCommand({ Bucket: 'sss', VersioningConfiguration: { Status: 'Suspended' } }),
    );
    const put = await client.send(new PutObjectCommand({ Bucket: 'sss', Key: 'k', Body: '1' }));
    await client.send(new PutObjectCommand({ Bucket: 'sss', Key: 'k', Body: '2' }));
    expect(put.VersionId).toBe('null');
    expect((await client.send(new ListObjectVersionsCommand({ Bucket: 'sss' }))).Versions).toHaveLength(1);
  });
});

describe('sandbox S3 listing', () => {
  it('pages ListObjectsV2 with common prefixes through the SDK paginator', async () => {
    const { client } = await s3({ pageSize: 3 });
    await client.send(new CreateBucketCommand({ Bucket: 'site' }));
    const keys = [
      'index.html',
      'assets/a.js',
      'assets/b.css',
      'img/x/1.png',
      'img/y.png',
      'about.html',
      'zeta.txt',
    ];
    for (const key of keys) await client.send(new PutObjectCommand({ Bucket: 'site', Key: key, Body: key }));
    const all: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2({ client }, { Bucket: 'site' })) {
      pages++;
      all.push(...(page.Contents ?? []).map((o) => o.Key!));
    }
    expect(all).toEqual([...keys].sort());
    expect(pages).toBe(3);
    const top: string[] = [];
    for await (const page of paginateListObjectsV2({ client }, { Bucket: 'site', Delimiter: '/' })) {
      top.push(
        ...(page.Contents ?? []).map((o) => o.Key!),
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!),
      );
    }
    expect(top.sort()).toEqual(['about.html', 'assets/', 'img/', 'index.html', 'zeta.txt']);
    const img: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client },
      { Bucket: 'site', Prefix: 'img/', Delimiter: '/' },
    )) {
      img.push(
        ...(page.Contents ?? []).map((o) => o.Key!),
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!),
      );
    }
    expect(img).toEqual(['img/y.png', 'img/x/']);
  });
});

describe('sandbox S3 multipart upload', () => {
  it('uploads a large file in parts with lib-storage; the ETag has the multipart form', async () => {
    const { client } = await s3();
    await client.send(new CreateBucketCommand({ Bucket: 'big' }));
    const body = Buffer.alloc(11 * 1024 * 1024, 7);
    body.write('start', 0);
    const upload = new Upload({
      client,
      params: { Bucket: 'big', Key: 'video.bin', Body: body, ContentType: 'video/mp4' },
      partSize: 5 * 1024 * 1024,
    });
    const result = await upload.done();
    expect(result.ETag).toMatch(/^"[0-9a-f]{32}-3"$/);
    const got = await client.send(new GetObjectCommand({ Bucket: 'big', Key: 'video.bin' }));
    expect(got.ContentType).toBe('video/mp4');
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
  });

  it('holds every part of an upload created for SHA-256 to its checksum, on upload and on completion', async () => {
    const { client } = await s3();
    await client.send(new CreateBucketCommand({ Bucket: 'big' }));
    const created = await client.send(
      new CreateMultipartUploadCommand({ Bucket: 'big', Key: 'a.bin', ChecksumAlgorithm: 'SHA256' }),
    );
    expect(created.ChecksumAlgorithm).toBe('SHA256');
    const upload = { Bucket: 'big', Key: 'a.bin', UploadId: created.UploadId!, PartNumber: 1 };
    const bytes = Buffer.from('the only part');
    await expect(
      client.send(new UploadPartCommand({ ...upload, Body: bytes, ChecksumAlgorithm: 'CRC32' })),
    ).rejects.toMatchObject({ name: 'InvalidRequest' });
    const sha256 = createHash('sha256').update(bytes).digest('base64');
    const part = await client.send(new UploadPartCommand({ ...upload, Body: bytes, ChecksumSHA256: sha256 }));
    expect(part.ChecksumSHA256).toBe(sha256);
    const complete = (checksum: string) =>
      client.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'big',
          Key: 'a.bin',
          UploadId: upload.UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag!, ChecksumSHA256: checksum }] },
        }),
      );
    await expect(complete(createHash('sha256').update('other').digest('base64'))).rejects.toMatchObject({
      name: 'InvalidPart',
    });
    await complete(sha256);
    const got = await client.send(new GetObjectCommand({ Bucket: 'big', Key: 'a.bin' }));
    expect(await got.Body!.transformToString()).toBe('the only part');
  });
});

describe('sandbox S3 safety and persistence', () => {
  it('keeps objects across a restart when given a data folder', async () => {
    const dataDir = await testdir({});
    const first = await s3({ dataDir });
    await first.client.send(new CreateBucketCommand({ Bucket: 'keep' }));
    await first.client.send(
      new PutBucketVersioningCommand({ Bucket: 'keep', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    await first.client.send(new PutObjectCommand({ Bucket: 'keep', Key: 'a/b.txt', Body: 'kept' }));
    await first.running.stop();
    const second = await s3({ dataDir });
    expect(
      await text((await second.client.send(new GetObjectCommand({ Bucket: 'keep', Key: 'a/b.txt' }))).Body),
    ).toBe('kept');
    expect((await second.client.send(new GetBucketVersioningCommand({ Bucket: 'keep' }))).Status).toBe(
      'Enabled',
    );
  });

  it('stores a key that looks like a path outside the data folder inside it', async () => {
    const dataDir = await testdir({});
    const { client } = await s3({ dataDir });
    await client.send(new CreateBucketCommand({ Bucket: 'bbb' }));
    await client.send(new PutObjectCommand({ Bucket: 'bbb', Key: '../../../escaped.txt', Body: 'x' }));
    expect(readdirSync(join(dataDir, '..')).includes('escaped.txt')).toBe(false);
    expect(
      await text(
        (await client.send(new GetObjectCommand({ Bucket: 'bbb', Key: '../../../escaped.txt' }))).Body,
      ),
    ).toBe('x');
  });

  it('refuses a body larger than the limit', async () => {
    const { client } = await s3({ maxBodyBytes: 1024 });
    await client.send(new CreateBucketCommand({ Bucket: 'bbb' }));
    await expect(
      client.send(new PutObjectCommand({ Bucket: 'bbb', Key: 'k', Body: Buffer.alloc(4096) })),
    ).rejects.toMatchObject({ name: 'EntityTooLarge' });
  });

  it('injects the configured faults, repeatably', async () => {
    const { client, running } = await s3({
      faults: {
        seed: 7,
        rules: [
          { service: 's3', operation: 'PutObject', error: { code: 'InternalError', status: 500 }, times: 1 },
        ],
      },
    });
    await client.send(new CreateBucketCommand({ Bucket: 'bbb' }));
    await expect(
      client.send(new PutObjectCommand({ Bucket: 'bbb', Key: 'k', Body: 'x' })),
    ).rejects.toMatchObject({ name: 'InternalError' });
    await client.send(new PutObjectCommand({ Bucket: 'bbb', Key: 'k', Body: 'x' }));
    running.faults.configure({ rules: [{ service: 's3', throttle: true }] });
    await expect(client.send(new GetObjectCommand({ Bucket: 'bbb', Key: 'k' }))).rejects.toMatchObject({
      name: 'SlowDown',
    });
  });
});

describe('sandbox S3 copies and version listings', () => {
  it('copies metadata by default and replaces it with REPLACE', async () => {
    const { client } = await s3();
    await client.send(new CreateBucketCommand({ Bucket: 'web' }));
    await client.send(
      new PutObjectCommand({
        Bucket: 'web',
        Key: 'a.html',
        Body: 'x',
        ContentType: 'text/html',
        CacheControl: 'no-cache',
        Metadata: { build: '1' },
      }),
    );
    await client.send(new CopyObjectCommand({ Bucket: 'web', Key: 'b.html', CopySource: 'web/a.html' }));
    expect(await client.send(new HeadObjectCommand({ Bucket: 'web', Key: 'b.html' }))).toMatchObject({
      ContentType: 'text/html',
      CacheControl: 'no-cache',
      Metadata: { build: '1' },
    });
    await client.send(
      new CopyObjectCommand({
        Bucket: 'web',
        Key: 'a.html',
        CopySource: 'web/a.html',
        MetadataDirective: 'REPLACE',
        ContentType: 'text/plain',
        Metadata: { build: '2' },
      }),
    );
    const replaced = await client.send(new HeadObjectCommand({ Bucket: 'web', Key: 'a.html' }));
    expect(replaced).toMatchObject({ ContentType: 'text/plain', Metadata: { build: '2' } });
    expect(replaced.CacheControl).toBeUndefined();
    await expect(
      client.send(new CopyObjectCommand({ Bucket: 'web', Key: 'a.html', CopySource: 'web/a.html' })),
    ).rejects.toMatchObject({ name: 'InvalidRequest' });
    await expect(
      client.send(new CopyObjectCommand({ Bucket: 'web', Key: 'c', CopySource: 'web/nope' })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('rolls versions up into common prefixes with a delimiter', async () => {
    const { client } = await s3({ pageSize: 100 });
    await client.send(new CreateBucketCommand({ Bucket: 'site' }));
    await client.send(
      new PutBucketVersioningCommand({ Bucket: 'site', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    for (const key of ['index.html', 'index.html', 'assets/a.js', 'assets/b.js'])
      await client.send(new PutObjectCommand({ Bucket: 'site', Key: key, Body: key }));
    const listed = await client.send(new ListObjectVersionsCommand({ Bucket: 'site', Delimiter: '/' }));
    expect(listed.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['assets/']);
    expect(listed.Versions?.map((v) => [v.Key, v.IsLatest])).toEqual([
      ['index.html', true],
      ['index.html', false],
    ]);
  });
});

describe('sandbox fault injection over HTTP', () => {
  it('takes, shows and clears fault rules at /_omnix/faults', async () => {
    const { client, running } = await s3();
    await client.send(new CreateBucketCommand({ Bucket: 'bbb' }));
    const rules = {
      seed: 3,
      rules: [{ service: 's3', operation: 'GetObject', error: { code: 'ServiceUnavailable', status: 503 } }],
    };
    const put = await fetch(`${running.endpoint}/_omnix/faults`, {
      method: 'PUT',
      body: JSON.stringify(rules),
    });
    expect(await put.json()).toEqual({ rules: rules.rules });
    await client.send(new PutObjectCommand({ Bucket: 'bbb', Key: 'k', Body: 'x' }));
    await expect(client.send(new GetObjectCommand({ Bucket: 'bbb', Key: 'k' }))).rejects.toMatchObject({
      name: 'ServiceUnavailable',
      $metadata: { httpStatusCode: 503 },
    });
    expect((await fetch(`${running.endpoint}/_omnix/faults`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await fetch(`${running.endpoint}/_omnix/faults`)).json()).toEqual({ rules: [] });
    expect(await text((await client.send(new GetObjectCommand({ Bucket: 'bbb', Key: 'k' }))).Body)).toBe('x');
  });

  it('adds latency where asked', async () => {
    const { client } = await s3({
      faults: { rules: [{ service: 's3', operation: 'HeadBucket', latencyMs: 150 }] },
    });
    await client.send(new CreateBucketCommand({ Bucket: 'bbb' }));
    const started = Date.now();
    await client.send(new HeadBucketCommand({ Bucket: 'bbb' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('sandbox request counts', () => {
  it('counts the requests it answered, by service and operation', async () => {
    const { client, running } = await s3();
    await client.send(new CreateBucketCommand({ Bucket: 'bbb' }));
    for (const key of ['a', 'b'])
      await client.send(new PutObjectCommand({ Bucket: 'bbb', Key: key, Body: key }));
    expect(await (await fetch(`${running.endpoint}/_omnix/stats`)).json()).toEqual({
      's3:CreateBucket': 1,
      's3:PutObject': 2,
    });
  });
});
