#!/usr/bin/env node
// Rollback of the example app on the sandbox: the time from the decision to roll back to a verified
// previous release, and the AWS calls it took. Two kinds: a manual `omnix rollback` to the release
// before (plan, safety check, lock, restore, read-back verification, record), ROUNDS times back and
// forth; and the automatic rollback after a deployment whose invalidation fails.
// Run after `npm run build`: node bench/rollback.mjs   (ROUNDS=5)
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrapSandboxEnvironment } from '../dist/cli/sandbox-environment.js';
import { loadValidConfig } from '../dist/config/load.js';
import { deploy } from '../dist/engine/deploy.js';
import { rollbackRelease } from '../dist/engine/rollback-release.js';
import { startSandbox } from '../dist/sandbox/server.js';
import { FileStateStore } from '../dist/state/file/file-store.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const rounds = Number(process.env.ROUNDS ?? 5);
const credentials = { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench' };
const example = fileURLToPath(new URL('../examples/webapp', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'omnix-bench-rollback-'));
cpSync(example, project, {
  recursive: true,
  filter: (path) => !/node_modules|\.omnix|web\/dist/.test(path.slice(example.length)),
});

const sandbox = await startSandbox({ port: 0 });
try {
  const baseEnv = { PATH: process.env.PATH, OMNIX_AWS_ENDPOINT: sandbox.endpoint };
  const loaded = await loadValidConfig({
    environment: 'development',
    configDir: project,
    env: baseEnv,
    cwd: project,
  });
  const { siteUrl, apiUrl } = await bootstrapSandboxEnvironment(loaded, sandbox.endpoint, '000000000000');
  const env = {
    ...baseEnv,
    OMNIX__FRONTEND__URL: siteUrl,
    OMNIX__BACKEND__API__URL: apiUrl,
    OMNIX_API_URL: apiUrl,
  };
  const common = {
    environment: 'development',
    configDir: project,
    cwd: project,
    env,
    aws: { credentials },
    report: () => {},
  };
  const store = new FileStateStore(join(project, '.omnix/state'));
  const release = async (version, extra = {}) => {
    const handler = join(project, 'backend/api/index.mjs');
    writeFileSync(
      handler,
      readFileSync(handler, 'utf8').replace(/const VERSION = '[^']+'/, `const VERSION = '${version}'`),
    );
    writeFileSync(
      join(project, 'web/src/app.js'),
      `${readFileSync(join(project, 'web/src/app.js'), 'utf8')}\n// ${version}\n`,
    );
    return deploy({ ...common, ...extra });
  };
  const stats = async () => await (await fetch(`${sandbox.endpoint}/_omnix/stats`)).json();
  const total = (counts) => Object.values(counts).reduce((sum, n) => sum + n, 0);
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

  await release('1.0.0');
  await release('2.0.0');
  const times = [];
  const calls = [];
  for (let round = 0; round < rounds; round++) {
    const before = total(await stats());
    const start = process.hrtime.bigint();
    const outcome = await rollbackRelease(common);
    if (outcome.status !== 'rolled-back') throw new Error(`round ${round}: ${outcome.status}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    calls.push(total(await stats()) - before);
  }
  const health = await (await fetch(`${apiUrl}/health`)).json();
  console.log(
    `manual rollback (plan, check, lock, restore, verify, record): median ${median(times).toFixed(0)} ms over ${rounds} (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); ${median(calls)} AWS calls each; target < 2000 ms; API now serves ${health.version}`,
  );

  // Automatic: the third release fails at its invalidation wait; the rollback restores what was live.
  sandbox.faults.configure({
    rules: [
      {
        service: 'cloudfront',
        operation: 'GetInvalidation',
        times: 1,
        error: { code: 'InternalError', status: 500 },
      },
    ],
  });
  await release('3.0.0', { aws: { credentials, maxAttempts: 1 } }).catch(() => undefined);
  const [failed] = await store.listDeployments('development', { limit: 1 });
  console.log(
    `automatic rollback after a failed invalidation: ${failed.status}, ${failed.rollback?.durationMs} ms from the decision to a verified previous release (${failed.rollback?.changes.length} changes undone)`,
  );
} finally {
  await sandbox.stop();
  rmSync(project, { recursive: true, force: true });
}
