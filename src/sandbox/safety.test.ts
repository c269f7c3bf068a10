import { request as httpRequest, type IncomingMessage } from 'node:http';
import { CreateBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../test/helpers/sandbox.js';

const authorization = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIASANDBOXTEST/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

const collect = (response: IncomingMessage) =>
  new Promise<Answer>((resolve, reject) => {
    let body = '';
    response.on('data', (chunk) => (body += chunk));
    response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    response.on('error', reject);
  });

/** A signed-looking request with the whole body. */
function send(endpoint: string, method: string, path: string, service: string | undefined, body = '') {
  return new Promise<Answer>((resolve, reject) => {
    const request = httpRequest(`${endpoint}${path}`, {
      method,
      headers: service ? { authorization: authorization(service) } : {},
    });
    request.on('response', (response) => collect(response).then(resolve, reject));
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Streams a chunked body of `chunks` × 256 KiB without ever ending it, and resolves with the answer:
 * an answer can only come if the sandbox refuses the body while it is still arriving.
 */
function streamWithoutEnd(endpoint: string, path: string, service: string, chunks: number) {
  return new Promise<Answer>((resolve, reject) => {
    const request = httpRequest(`${endpoint}${path}`, {
      method: path.includes('invocations') ? 'POST' : 'PUT',
      headers: { authorization: authorization(service), 'transfer-encoding': 'chunked' },
    });
    request.on('response', (response) => collect(response).then(resolve, reject));
    request.on('error', () => undefined);
    const chunk = Buffer.alloc(256 * 1024, 'x');
    let written = 0;
    const writeMore = () => {
      while (written < chunks) {
        written++;
        if (!request.write(chunk)) return request.once('drain', writeMore);
      }
    };
    writeMore();
  });
}

describe('sandbox request size limits', { timeout: 120_000 }, () => {
  it('refuses a chunked S3 upload past maxBodyBytes while it streams, with EntityTooLarge', async () => {
    const running = await sandbox({ maxBodyBytes: 1024 * 1024 });
    const s3 = new S3Client({ ...running.client, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'limits' }));
    const answer = await streamWithoutEnd(running.endpoint, '/limits/big.bin', 's3', 8);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<Code>EntityTooLarge</Code>');
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'limits', Key: 'big.bin' }))).rejects.toMatchObject({
      name: 'NotFound',
    });
    await s3.send(new PutObjectCommand({ Bucket: 'limits', Key: 'small.bin', Body: Buffer.alloc(1000) }));
  });

  it("refuses a Lambda Invoke payload past Lambda's 6 MB while it streams", async () => {
    const running = await sandbox();
    const answer = await streamWithoutEnd(
      running.endpoint,
      '/2015-03-31/functions/any/invocations',
      'lambda',
      32,
    );
    expect(answer.status).toBe(413);
    expect(answer.headers['x-amzn-errortype']).toBe('RequestTooLargeException');
  });

  it("refuses a CreateFunction request past Lambda's 50 MB zip limit while it streams", async () => {
    const running = await sandbox();
    const answer = await streamWithoutEnd(running.endpoint, '/2015-03-31/functions', 'lambda', 300);
    expect(answer.status).toBe(413);
    expect(answer.headers['x-amzn-errortype']).toBe('RequestEntityTooLargeException');
  });
});

describe('sandbox bad input', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'answers a credential scope naming the service %s with 400 UnrecognizedServiceException',
    async (service) => {
      const running = await sandbox();
      const answer = await send(running.endpoint, 'POST', '/', service, '{}');
      expect(answer.status).toBe(400);
      expect(answer.headers['x-amzn-errortype']).toBe('UnrecognizedServiceException');
      expect(JSON.parse(answer.body)).toMatchObject({ __type: 'UnrecognizedServiceException' });
    },
  );

  it('answers an unknown serving path such as /_omnix/constructor/ as not found, not 500', async () => {
    const running = await sandbox();
    const answer = await send(running.endpoint, 'GET', '/_omnix/constructor/x', undefined);
    expect(answer.status).toBe(403);
  });

  it('answers XML that is not well-formed with MalformedXML (S3) and MalformedInput (CloudFront)', async () => {
    const running = await sandbox();
    const s3 = new S3Client({ ...running.client, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'xml' }));
    await s3.send(new PutObjectCommand({ Bucket: 'xml', Key: 'keep.txt', Body: 'x' }));
    const versioning = await send(running.endpoint, 'PUT', '/xml?versioning', 's3', '<<<');
    expect([versioning.status, versioning.body]).toEqual([
      400,
      expect.stringContaining('<Code>MalformedXML</Code>'),
    ]);
    // A truncated document must not be half-applied.
    const truncated = await send(
      running.endpoint,
      'POST',
      '/xml?delete',
      's3',
      '<Delete><Object><Key>keep.txt</Key></Object>',
    );
    expect([truncated.status, truncated.body]).toEqual([
      400,
      expect.stringContaining('<Code>MalformedXML</Code>'),
    ]);
    await s3.send(new HeadObjectCommand({ Bucket: 'xml', Key: 'keep.txt' }));
    const distribution = await send(
      running.endpoint,
      'POST',
      '/2020-05-31/distribution',
      'cloudfront',
      '<<<',
    );
    expect([distribution.status, distribution.body]).toEqual([
      400,
      expect.stringContaining('<Code>MalformedInput</Code>'),
    ]);
  });

  it.each([
    ['not JSON', '{"rules": ['],
    ['rules that are not a list', '{"rules": 5}'],
    ['a rule without a service', '{"rules": [{"rate": 1}]}'],
    ['a rate above 1', '{"rules": [{"service": "s3", "rate": 2}]}'],
    ['an error without a status', '{"rules": [{"service": "s3", "error": {"code": "X"}}]}'],
  ])('answers /_omnix/faults with %s with 400 and keeps the rules it had', async (_what, body) => {
    const running = await sandbox({
      faults: { rules: [{ service: 's3', operation: 'GetObject', rate: 0.5 }] },
    });
    const answer = await send(running.endpoint, 'PUT', '/_omnix/faults', undefined, body);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ __type: 'InvalidRequest' });
    expect(running.faults.describe().rules).toEqual([{ service: 's3', operation: 'GetObject', rate: 0.5 }]);
  });

  it('answers /_omnix/iam/policies with malformed JSON with 400', async () => {
    const running = await sandbox();
    expect((await send(running.endpoint, 'PUT', '/_omnix/iam/policies', undefined, '{')).status).toBe(400);
    expect((await send(running.endpoint, 'PUT', '/_omnix/iam/policies', undefined, '[1]')).status).toBe(400);
  });
});
