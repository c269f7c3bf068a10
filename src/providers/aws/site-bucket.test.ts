import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../test/helpers/sandbox.js';
import { testdir } from '../../../test/helpers/testdir.js';
import type { LocalFile } from '../../artifacts/local/site.js';
import { ByteBudget } from '../../core/byte-budget.js';
import { uploadFile } from './site-bucket.js';

const MB = 1024 * 1024;

function localFile(key: string, body: Buffer, folder = '/build'): LocalFile {
  return {
    key,
    path: key,
    file: join(folder, key),
    size: body.length,
    md5: createHash('md5').update(body).digest('hex'),
    contentType: 'application/octet-stream',
  };
}

describe('uploadFile', () => {
  it('stores a single PUT and a multipart upload byte for byte, each request with its checksum', async () => {
    const running = await sandbox();
    const s3 = new S3Client({ ...running.client, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'site' }));
    const small = Buffer.from('<h1>x</h1>');
    const large = Buffer.alloc(40 * MB, 'abcdefgh');
    const folder = await testdir({});
    await writeFile(join(folder, 'video.bin'), large);
    const options = { budget: new ByteBudget(32 * MB), multipartThresholdBytes: 5 * MB };
    await uploadFile(s3, 'site', localFile('index.html', small), { ...options, read: async () => small });
    const video = await uploadFile(s3, 'site', localFile('video.bin', large, folder), {
      ...options,
      read: () => Promise.reject(new Error('a large file is streamed, not read whole')),
    });
    expect(video.etag).toMatch(/-3$/); // 40 MiB in parts of 16 MiB
    for (const [key, body] of [
      ['index.html', small],
      ['video.bin', large],
    ] as const) {
      const stored = await s3.send(new GetObjectCommand({ Bucket: 'site', Key: key }));
      expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(body)).toBe(true);
    }
  });

  it('is refused by S3 when the bytes are not the planned ones', async () => {
    const running = await sandbox();
    const s3 = new S3Client({ ...running.client, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'site' }));
    const planned = localFile('index.html', Buffer.from('<h1>planned</h1>'));
    await expect(
      uploadFile(s3, 'site', planned, {
        read: async () => Buffer.from('<h1>other</h1>'),
        budget: new ByteBudget(32 * MB),
        multipartThresholdBytes: 5 * MB,
      }),
    ).rejects.toThrow(/BadDigest|did not match/);
  });

  it('refuses a file streamed in parts that changed since the plan: no object is made', async () => {
    const running = await sandbox();
    const s3 = new S3Client({ ...running.client, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'site' }));
    const folder = await testdir({});
    const planned = localFile('video.bin', Buffer.alloc(20 * MB, 'a'), folder);
    await writeFile(join(folder, 'video.bin'), Buffer.alloc(20 * MB, 'b'));
    await expect(
      uploadFile(s3, 'site', planned, {
        read: () => Promise.reject(new Error('not read whole')),
        budget: new ByteBudget(32 * MB),
        multipartThresholdBytes: 5 * MB,
      }),
    ).rejects.toMatchObject({ code: 'ArtifactChanged' });
    await expect(s3.send(new GetObjectCommand({ Bucket: 'site', Key: 'video.bin' }))).rejects.toThrow();
  });
});
