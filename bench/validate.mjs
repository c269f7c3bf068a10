#!/usr/bin/env node
// Validation of the example app on the sandbox: the time `omnix validate` takes for all ten checks and
// the AWS calls it makes, before the first release and after one. Issue 6 asks for under 2 seconds.
// Run after `npm run build`: node bench/validate.mjs   (ROUNDS=10)
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrapSandboxEnvironment } from '../dist/cli/sandbox-environment.js';
import { loadValidConfig } from '../dist/config/load.js';
import { deploy } from '../dist/engine/deploy.js';
import { validateNow } from '../dist/engine/validate-now.js';
import { startSandbox } from '../dist/sandbox/server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const rounds = Number(process.env.ROUNDS ?? 10);
const credentials = { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench' };
const example = fileURLToPath(new URL('../examples/webapp', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'omnix-bench-validate-'));
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
  const stats = async () => await (await fetch(`${sandbox.endpoint}/_omnix/stats`)).json();
  const total = (counts) => Object.values(counts).reduce((sum, n) => sum + n, 0);
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

  const measure = async (label) => {
    const times = [];
    const calls = [];
    let report;
    for (let round = 0; round < rounds; round++) {
      const before = total(await stats());
      const start = process.hrtime.bigint();
      report = await validateNow(common);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      calls.push(total(await stats()) - before);
    }
    const slowest = [...report.checks].sort((a, b) => b.durationMs - a.durationMs)[0];
    console.log(
      `${label}: median ${median(times).toFixed(0)} ms over ${rounds} (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}), including loading the configuration; ${median(calls)} AWS calls; ${report.checks.length} checks, status ${report.status}; slowest check ${slowest.name} ${slowest.durationMs} ms; target < 2000 ms`,
    );
  };
  await deploy({ ...common, dryRun: true }); // builds the site
  await measure('validate before the first release');
  await deploy(common);
  await measure('validate after release v1');
} finally {
  await sandbox.stop();
  rmSync(project, { recursive: true, force: true });
}
