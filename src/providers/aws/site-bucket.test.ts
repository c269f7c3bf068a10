import { createHash } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../test/helpers/sandbox.js';
import type { LocalFile } from '../../engine/scan/site.js';
import { uploadFile } from './site-bucket.js';

const MB = 1024 * 1024;

function localFile(key: string, body: Buffer): LocalFile {
  return {
    key,
    path: key,
    file: `/build/${key}`,
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
    const large = Buffer.alloc(6 * MB, 'abcdefgh');
    await uploadFile(s3, 'site', localFile('index.html', small), small, 5 * MB);
    await uploadFile(s3, 'site', localFile('video.bin', large), large, 5 * MB);
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
    await expect(uploadFile(s3, 'site', planned, Buffer.from('<h1>other</h1>'), 5 * MB)).rejects.toThrow(
      /BadDigest|did not match/,
    );
  });
});
