import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  type PutObjectCommandInput,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { ByteBudget } from '../../core/byte-budget.js';
import { OmnixError } from '../../core/errors.js';
import { changed } from '../package/read-found.js';
import type { SiteUpload } from './site-upload.js';

const MiB = 1024 * 1024;
/** S3 takes at most 10,000 parts; parts below 16 MiB cost requests without saving memory worth having. */
const MAX_PARTS = 10_000;
const MIN_PART_BYTES = 16 * MiB;

/** The part size for a file of `size` bytes: 16 MiB, or larger for files past 160 GB; never above the budget. */
export function partSizeFor(size: number, budgetBytes: number): number {
  const needed = Math.ceil(size / MAX_PARTS / MiB) * MiB;
  const partSize = Math.min(budgetBytes, Math.max(MIN_PART_BYTES, needed));
  if (partSize < needed)
    throw new OmnixError(
      'FileTooLarge',
      `a file of ${size} bytes needs parts of ${needed / MiB} MiB, more than frontend.uploadBudgetMb`,
      { hint: 'Raise frontend.uploadBudgetMb.' },
    );
  return partSize;
}

type ObjectParams = Omit<PutObjectCommandInput, 'Body' | 'ContentMD5'> & { Bucket: string; Key: string };

/**
 * Uploads a large file straight from disk in parts, each read into memory only within `budget` and sent
 * with its Content-MD5 and SHA-256. The parts are hashed in order as they are read: the upload is
 * completed only if the whole file is the planned one (size and MD5), else aborted, so a file changed
 * since the plan never becomes an object.
 */
export async function uploadInParts(
  s3: S3Client,
  params: ObjectParams,
  file: SiteUpload,
  budget: ByteBudget,
): Promise<{ VersionId?: string; ETag?: string }> {
  const partSize = partSizeFor(file.size, budget.total);
  const handle = await openRegular(file);
  let uploadId: string | undefined;
  try {
    const created = await s3.send(
      new CreateMultipartUploadCommand({ ...params, ChecksumAlgorithm: 'SHA256' }),
    );
    uploadId = created.UploadId!;
    const parts = await sendParts(s3, { ...params, UploadId: uploadId }, file, handle, budget, partSize);
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: params.Bucket,
        Key: params.Key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    uploadId = undefined;
    return done;
  } finally {
    await handle.close();
    // Parts already stored are billed until the upload is aborted.
    if (uploadId)
      await s3
        .send(new AbortMultipartUploadCommand({ Bucket: params.Bucket, Key: params.Key, UploadId: uploadId }))
        .catch(() => undefined);
  }
}

async function sendParts(
  s3: S3Client,
  upload: { Bucket: string; Key: string; UploadId: string },
  file: SiteUpload,
  handle: FileHandle,
  budget: ByteBudget,
  partSize: number,
): Promise<CompletedPart[]> {
  const whole = createHash('md5');
  const sending: Array<Promise<CompletedPart>> = [];
  let failed = false;
  for (let number = 1, offset = 0; offset < file.size && !failed; number++, offset += partSize) {
    const length = Math.min(partSize, file.size - offset);
    // Wait until this part is read (in order, for the running hash); its upload goes on meanwhile.
    await new Promise<void>((read) => {
      const part = budget.use(length, async () => {
        let bytes: Buffer;
        try {
          bytes = await readExactly(handle, offset, length, file);
          whole.update(bytes);
        } finally {
          read();
        }
        return sendPart(s3, { ...upload, PartNumber: number }, bytes);
      });
      part.catch(() => {
        failed = true;
      });
      sending.push(part);
    });
  }
  const parts = await Promise.all(sending);
  const more = await handle.read(Buffer.alloc(1), 0, 1, file.size);
  if (more.bytesRead > 0 || whole.digest('hex') !== file.md5) throw changed(file);
  return parts;
}

async function sendPart(
  s3: S3Client,
  part: { Bucket: string; Key: string; UploadId: string; PartNumber: number },
  bytes: Buffer,
): Promise<CompletedPart> {
  const sha256 = createHash('sha256').update(bytes).digest('base64');
  const sent = await s3.send(
    new UploadPartCommand({
      ...part,
      Body: bytes,
      ContentLength: bytes.length,
      ContentMD5: createHash('md5').update(bytes).digest('base64'),
      ChecksumSHA256: sha256,
    }),
  );
  return { PartNumber: part.PartNumber, ETag: sent.ETag!, ChecksumSHA256: sent.ChecksumSHA256 ?? sha256 };
}

async function openRegular(file: SiteUpload): Promise<FileHandle> {
  const handle = await open(file.file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch(
    (error: Error) => {
      throw changed(file, error);
    },
  );
  const info = await handle.stat();
  if (!info.isFile() || info.size !== file.size) {
    await handle.close();
    throw changed(file);
  }
  return handle;
}

async function readExactly(
  handle: FileHandle,
  offset: number,
  length: number,
  file: SiteUpload,
): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(bytes, filled, length - filled, offset + filled);
    if (bytesRead === 0) throw changed(file);
    filled += bytesRead;
  }
  return bytes;
}
