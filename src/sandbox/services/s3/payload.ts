import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { AwsError } from '../../protocol/aws-error.js';

/**
 * The object bytes of a PUT: decodes `aws-chunked` bodies (what the SDK streams, with the checksum
 * in a trailer) and checks Content-MD5 and `x-amz-checksum-*` against what arrived.
 */
export function readPayload(headers: Headers, body: Buffer): { bytes: Buffer; md5: Buffer } {
  const streaming = (headers.get('x-amz-content-sha256') ?? '').startsWith('STREAMING-');
  const chunked =
    streaming || (headers.get('content-encoding') ?? '').split(',').some((c) => c.trim() === 'aws-chunked');
  const { bytes, trailers } = chunked
    ? decodeAwsChunked(body)
    : { bytes: body, trailers: new Map<string, string>() };
  const declared = headers.get('x-amz-decoded-content-length');
  if (chunked && declared !== null && Number(declared) !== bytes.length) {
    throw new AwsError(
      'IncompleteBody',
      'You did not provide the number of bytes specified by the Content-Length HTTP header.',
      400,
    );
  }
  const md5 = createHash('md5').update(bytes).digest();
  const contentMd5 = headers.get('content-md5');
  if (contentMd5 !== null) {
    if (Buffer.from(contentMd5, 'base64').length !== 16) {
      throw new AwsError('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400);
    }
    if (contentMd5 !== md5.toString('base64')) {
      throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
    }
  }
  for (const algorithm of ['crc32', 'sha1', 'sha256'] as const) {
    const expected =
      headers.get(`x-amz-checksum-${algorithm}`) ?? trailers.get(`x-amz-checksum-${algorithm}`);
    if (expected !== undefined && expected !== null && expected !== checksum(algorithm, bytes)) {
      throw new AwsError(
        'BadDigest',
        `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
        400,
      );
    }
  }
  return { bytes, md5 };
}

function checksum(algorithm: 'crc32' | 'sha1' | 'sha256', bytes: Buffer): string {
  if (algorithm !== 'crc32') return createHash(algorithm).update(bytes).digest('base64');
  const value = (zlib as unknown as { crc32(data: Buffer): number }).crc32(bytes);
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out.toString('base64');
}

/** `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` … `0\r\n<trailer: value>\r\n\r\n` */
export function decodeAwsChunked(body: Buffer): { bytes: Buffer; trailers: Map<string, string> } {
  const chunks: Buffer[] = [];
  const trailers = new Map<string, string>();
  let offset = 0;
  const line = () => {
    const end = body.indexOf('\r\n', offset);
    if (end === -1) throw new AwsError('IncompleteBody', 'The aws-chunked body ended early.', 400);
    const text = body.subarray(offset, end).toString('latin1');
    offset = end + 2;
    return text;
  };
  for (;;) {
    const size = Number.parseInt(line().split(';')[0]!, 16);
    if (Number.isNaN(size)) throw new AwsError('InvalidRequest', 'Malformed aws-chunked body.', 400);
    if (size === 0) break;
    chunks.push(body.subarray(offset, offset + size));
    offset += size + 2;
  }
  while (offset < body.length) {
    const text = line();
    if (text === '') break;
    const colon = text.indexOf(':');
    if (colon > 0) trailers.set(text.slice(0, colon).trim().toLowerCase(), text.slice(colon + 1).trim());
  }
  return { bytes: Buffer.concat(chunks), trailers };
}
