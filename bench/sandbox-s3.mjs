#!/usr/bin/env node
// Small-object PUT and GET rate against the sandbox at concurrency 16, through the real AWS SDK v3.
// Target: at least 500 PUTs/s, so the sandbox is not the bottleneck of a 2,000-file deployment.
// Run after `npm run build`: node bench/sandbox-s3.mjs  (OBJECTS=2000 CONCURRENCY=16 SIZE=1024)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startSandbox } from '../dist/sandbox/server.js';

const objects = Number(process.env.OBJECTS ?? 2000);
const concurrency = Number(process.env.CONCURRENCY ?? 16);
const size = Number(process.env.SIZE ?? 1024);

async function pool(count, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

async function measure(label, dataDir) {
  const sandbox = await startSandbox({ port: 0, ...(dataDir ? { dataDir } : {}) });
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: sandbox.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
  });
  await client.send(new CreateBucketCommand({ Bucket: 'bench-site' }));
  const body = Buffer.alloc(size, 'x');
  let start = process.hrtime.bigint();
  await pool(objects, (i) =>
    client.send(
      new PutObjectCommand({
        Bucket: 'bench-site',
        Key: `assets/file-${i}.js`,
        Body: body,
        ContentType: 'text/javascript',
      }),
    ),
  );
  const putSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  start = process.hrtime.bigint();
  await pool(objects, async (i) => {
    const got = await client.send(new GetObjectCommand({ Bucket: 'bench-site', Key: `assets/file-${i}.js` }));
    await got.Body.transformToByteArray();
  });
  const getSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  client.destroy();
  await sandbox.stop();
  console.log(
    `${label}: ${objects} objects of ${size} B at concurrency ${concurrency}: ` +
      `PUT ${(objects / putSeconds).toFixed(0)}/s (${putSeconds.toFixed(2)} s), GET ${(objects / getSeconds).toFixed(0)}/s (${getSeconds.toFixed(2)} s); target ≥ 500 PUT/s`,
  );
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
await measure('in memory      ', undefined);
const dir = mkdtempSync(join(tmpdir(), 'omnix-bench-'));
try {
  await measure('with a data dir', dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
