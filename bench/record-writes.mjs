#!/usr/bin/env node
// Bytes the file state store writes while a cold deployment of many small files is recorded (every
// record write and journal append, fsynced), against the size of the final deployment record.
// Target: under 10x. Run after `npm run build`: node bench/record-writes.mjs   (FILES=20000 SIZE=1000)
// OMNIX_DIST=<folder> measures another build (an earlier commit's dist/, say) the same way.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const dist = pathToFileURL(
  `${resolve(process.env.OMNIX_DIST ?? new URL('../dist', import.meta.url).pathname)}/`,
);
const { loadValidConfig } = await import(new URL('config/load.js', dist));
const { bootstrapPlanFor } = await import(new URL('engine/bootstrap-plan.js', dist));
const { deploy } = await import(new URL('engine/deploy.js', dist));
const { bootstrapResources } = await import(new URL('providers/aws/bootstrap.js', dist));
const { startSandbox } = await import(new URL('sandbox/server.js', dist));

const files = Number(process.env.FILES ?? 20_000);
const size = Number(process.env.SIZE ?? 1000);
const credentials = { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench' };

// Every write the state store makes goes through a FileHandle (write to a temp file, or append).
const probe = await open(join(tmpdir(), `omnix-bench-probe-${process.pid}`), 'w');
const FileHandle = Object.getPrototypeOf(probe);
await probe.close();
let written = 0;
let writes = 0;
for (const method of ['writeFile', 'write', 'appendFile']) {
  const original = FileHandle[method];
  FileHandle[method] = function (data, ...rest) {
    writes++;
    written += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    return original.call(this, data, ...rest);
  };
}

const work = mkdtempSync(join(tmpdir(), 'omnix-bench-record-'));
mkdirSync(join(work, 'config/environments'), { recursive: true });
writeFileSync(
  join(work, 'config/deployment-config.yaml'),
  `project: bench\naws:\n  region: us-east-1\n  endpoint: \${env:OMNIX_AWS_ENDPOINT}\nfrontend:\n  source: site\n  bucket: bench-site\n  concurrency: 16\n`,
);
writeFileSync(join(work, 'config/environments/bench.yaml'), '{}\n');
for (let i = 0; i < files; i++) {
  const dir = join(work, 'site', i === 0 ? '' : `pages/${i % 100}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, i === 0 ? 'index.html' : `file-${i}.js`), randomBytes(size / 2).toString('hex'));
}

const sandbox = await startSandbox({ port: 0 });
const env = { OMNIX_AWS_ENDPOINT: sandbox.endpoint, PATH: process.env.PATH };
try {
  const loaded = await loadValidConfig({ environment: 'bench', configDir: work, env, cwd: work });
  await bootstrapResources(
    { region: 'us-east-1', endpoint: sandbox.endpoint, credentials },
    '000000000000',
    bootstrapPlanFor(loaded.config),
  );
  const start = Date.now();
  written = 0;
  writes = 0;
  const outcome = await deploy({
    environment: 'bench',
    configDir: work,
    cwd: work,
    env,
    aws: { credentials },
    skipBuild: true,
    report: () => {},
  });
  const seconds = (Date.now() - start) / 1000;
  const folder = join(work, '.omnix/state/bench/deployments');
  const record = statSync(
    join(
      folder,
      readdirSync(folder).find((name) => name.endsWith('.json')),
    ),
  ).size;
  const release = statSync(join(work, '.omnix/state/bench/releases/1.json')).size;
  const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
  console.log(
    `${files} files of ${size} B, ${outcome.status} in ${seconds.toFixed(1)} s: the state store wrote ${mb(written)} in ${writes} writes; final deployment record ${mb(record)} (release record ${mb(release)}); written / record = ${(written / record).toFixed(1)}x (target < 10x)`,
  );
} finally {
  await sandbox.stop();
  rmSync(work, { recursive: true, force: true });
}
