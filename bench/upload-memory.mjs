#!/usr/bin/env node
// Peak memory (RSS) of a whole `omnix deploy` process uploading a large site cold to the sandbox: by
// default 1 GB in 301 files, 20 of them large enough for multipart, then the same at half the size, to
// show whether memory grows with the site. Target: under 200 MB, and flat. The sandbox runs in this
// process with a data folder, so what it stores is not counted.
// Run after `npm run build`: node bench/upload-memory.mjs   (SCALES=0.5,1 OMNIX_BIN=<another bin/omnix.js>)
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSandbox } from '../dist/sandbox/server.js';

const bin = process.env.OMNIX_BIN ?? fileURLToPath(new URL('../bin/omnix.js', import.meta.url));
const scales = (process.env.SCALES ?? '0.5,1').split(',').map(Number);
const MB = 1_000_000;

const writeSite = (site, scale) => {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(join(site, 'media'), { recursive: true });
  mkdirSync(join(site, 'assets'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>bench</title>');
  const large = Math.round(40 * MB * scale);
  const small = Math.round(0.75 * MB * scale);
  for (let i = 0; i < 20; i++) writeFileSync(join(site, 'media', `video-${i}.bin`), randomBytes(large));
  for (let i = 0; i < 280; i++) writeFileSync(join(site, 'assets', `image-${i}.bin`), randomBytes(small));
  return 20 * large + 280 * small;
};

for (const scale of scales) {
  const work = mkdtempSync(join(tmpdir(), 'omnix-bench-memory-'));
  const sandbox = await startSandbox({ port: 0, dataDir: join(work, 'sandbox') });
  try {
    mkdirSync(join(work, 'config/environments'), { recursive: true });
    writeFileSync(
      join(work, 'config/deployment-config.yaml'),
      `project: bench\naws:\n  region: us-east-1\n  endpoint: \${env:OMNIX_AWS_ENDPOINT}\nfrontend:\n  source: site\n  bucket: bench-site\n`,
    );
    writeFileSync(join(work, 'config/environments/bench.yaml'), '{}\n');
    const bytes = writeSite(join(work, 'site'), scale);
    const env = {
      PATH: process.env.PATH,
      HOME: work,
      OMNIX_AWS_ENDPOINT: sandbox.endpoint,
      AWS_ACCESS_KEY_ID: 'AKIABENCH',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const run = (...args) =>
      promisify(execFile)('/usr/bin/time', ['-f', '%M %e', process.execPath, bin, ...args], {
        cwd: work,
        env,
        maxBuffer: 64 * MB,
      });
    await run('sandbox', 'bootstrap', 'bench');
    const { stderr } = await run('deploy', 'bench', '--yes', '--skip-build');
    const [kb, seconds] = stderr.trim().split('\n').at(-1).split(' ').map(Number);
    console.log(
      `${(bytes / 1e9).toFixed(2)} GB in 301 files (20 multipart): peak RSS ${(kb / 1024).toFixed(0)} MiB, ${seconds.toFixed(1)} s (target: under 200 MiB, flat as the site grows)`,
    );
  } finally {
    await sandbox.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
