#!/usr/bin/env node
// A synthetic site of 2,000 files (about 40 MB) deployed to the sandbox cold, then redeployed after a
// rebuild that rewrites every file but changes 2% of them: requests made and wall time for each, and,
// where Debian's awscli is installed, the same two runs with `aws s3 sync` and the ratios.
// Run after `npm run build`: node bench/frontend-sync.mjs   (FILES=2000 SIZE=20000 CHANGED=0.02)
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadValidConfig } from '../dist/config/load.js';
import { bootstrapPlanFor } from '../dist/engine/bootstrap-plan.js';
import { deploy } from '../dist/engine/deploy.js';
import { bootstrapResources } from '../dist/providers/aws/bootstrap.js';
import { startSandbox } from '../dist/sandbox/server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const files = Number(process.env.FILES ?? 2000);
const size = Number(process.env.SIZE ?? 20_000);
const changedShare = Number(process.env.CHANGED ?? 0.02);
const credentials = { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench' };

const work = mkdtempSync(join(tmpdir(), 'omnix-bench-sync-'));
const site = join(work, 'site');
const contents = Array.from({ length: files }, () => randomBytes(size / 2).toString('hex'));
const writeSite = () => {
  rmSync(site, { recursive: true, force: true });
  contents.forEach((content, i) => {
    const dir = join(site, i < 20 ? '' : `pages/${i % 40}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, i === 0 ? 'index.html' : `file-${i}.${i < 20 ? 'html' : 'js'}`), content);
  });
};
mkdirSync(join(work, 'config/environments'), { recursive: true });
writeFileSync(
  join(work, 'config/deployment-config.yaml'),
  `project: bench\naws:\n  region: us-east-1\n  endpoint: \${env:OMNIX_AWS_ENDPOINT}\nfrontend:\n  source: site\n  bucket: bench-site\n  concurrency: 16\n  cacheControl:\n    - { match: "pages/**", value: "public, max-age=31536000, immutable" }\n`,
);
writeFileSync(join(work, 'config/environments/bench.yaml'), '{}\n');

const sandbox = await startSandbox({ port: 0 });
const env = { OMNIX_AWS_ENDPOINT: sandbox.endpoint, PATH: process.env.PATH };
const stats = async () => await (await fetch(`${sandbox.endpoint}/_omnix/stats`)).json();
const total = (counts) => Object.values(counts).reduce((sum, n) => sum + n, 0);
const measure = async (label, run) => {
  const before = total(await stats());
  const start = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const requests = total(await stats()) - before;
  console.log(
    `${label.padEnd(32)} ${String(requests).padStart(6)} requests  ${seconds.toFixed(2).padStart(7)} s`,
  );
  return { requests, seconds };
};
const rebuild = () => {
  const count = Math.round(files * changedShare);
  for (let i = 1; i <= count; i++)
    contents[Math.floor((i * files) / (count + 1))] = randomBytes(size / 2).toString('hex');
  writeSite();
};

try {
  writeSite();
  const loaded = await loadValidConfig({ environment: 'bench', configDir: work, env, cwd: work });
  await bootstrapResources(
    { region: 'us-east-1', endpoint: sandbox.endpoint, credentials },
    '000000000000',
    bootstrapPlanFor(loaded.config),
  );
  const omnix = () =>
    deploy({
      environment: 'bench',
      configDir: work,
      cwd: work,
      env,
      aws: { credentials },
      skipBuild: true,
      report: () => {},
    });
  console.log(
    `site: ${files} files, ${((files * size) / 1e6).toFixed(0)} MB; rebuild changes ${Math.round(files * changedShare)} files and rewrites all`,
  );
  const cold = await measure('omnix deploy, cold', omnix);
  rebuild();
  const warm = await measure('omnix deploy, after a rebuild', omnix);

  const aws = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  if (aws.status !== 0) {
    console.log('aws s3 sync: the AWS CLI is not installed (apt-get install awscli) — comparison skipped');
  } else {
    const awsEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'AKIABENCH',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_DEFAULT_REGION: 'us-east-1',
    };
    // Asynchronous: the sandbox runs in this process and must keep answering while the CLI works.
    const awsCli = (...args) =>
      promisify(execFile)('aws', ['--endpoint-url', sandbox.endpoint, ...args], {
        env: awsEnv,
        maxBuffer: 64 * 1024 * 1024,
      });
    const sync = () => awsCli('s3', 'sync', site, 's3://bench-sync/', '--only-show-errors');
    await awsCli('s3', 'mb', 's3://bench-sync');
    writeSite();
    const syncCold = await measure('aws s3 sync, cold', sync);
    rebuild();
    const syncWarm = await measure('aws s3 sync, after a rebuild', sync);
    const ratio = (a, b) => (b.requests / a.requests).toFixed(2);
    console.log(
      `ratios (aws s3 sync ÷ omnix): requests cold ${ratio(cold, syncCold)}, after a rebuild ${ratio(warm, syncWarm)}; time cold ${(syncCold.seconds / cold.seconds).toFixed(2)}, after a rebuild ${(syncWarm.seconds / warm.seconds).toFixed(2)}`,
    );
    console.log(
      'note: aws s3 sync compares size and mtime, so a rebuild that rewrites every file makes it upload all of them; it also never invalidates CloudFront.',
    );
  }
} finally {
  await sandbox.stop();
  rmSync(work, { recursive: true, force: true });
}
