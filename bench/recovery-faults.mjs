#!/usr/bin/env node
// Each transient fault class of issue 17 injected (sandbox fault rules) on the step it hits, in a
// deployment of the example app through the real CLI (`omnix deploy --json --yes`, a child process);
// prints a table: class, step, injected, recovered (the deployment succeeded with the recovery
// recorded under the class's catalogue id), and the share recovered.
// Run after `npm run build`: node bench/recovery-faults.mjs
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bootstrapResources } from '../dist/providers/aws/bootstrap.js';
import { FileStateStore } from '../dist/state/file/file-store.js';
import { exampleOnSandbox } from './example-on-sandbox.mjs';
import { ARTIFACT_BUCKET, changedConfiguration, DEAD_PID, RECOVERY_CASES } from './recovery-cases.mjs';

const OMNIX = fileURLToPath(new URL('../bin/omnix.js', import.meta.url));
const run = promisify(execFile);
const onSandbox = await exampleOnSandbox('recovery');
const { sandbox, project, stop, common } = onSandbox;
const credentials = common.aws.credentials;
const store = new FileStateStore(join(project, '.omnix/state'));
const env = (extra = {}) => ({
  ...common.env,
  AWS_ACCESS_KEY_ID: credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  AWS_REGION: 'us-east-1',
  CI: 'true',
  HOME: project,
  // Latency limits would measure how busy the machine is, not how a deployment copes with faults.
  OMNIX__HEALTH__LATENCY__P95MS: '60000',
  OMNIX__HEALTH__LATENCY__SAMPLES: '3',
  ...extra,
});
const deploy = (flags, extra) =>
  run(process.execPath, [OMNIX, 'deploy', 'development', '--json', '--yes', ...flags], {
    cwd: project,
    env: env(extra),
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    () => 0,
    (error) => error.code ?? 1,
  );
const changeVersion = (version) => {
  const handler = join(project, 'backend/api/index.mjs');
  writeFileSync(
    handler,
    readFileSync(handler, 'utf8').replace(/const VERSION = '[^']+'/, `const VERSION = '${version}'`),
  );
  const app = join(project, 'web/src/app.js');
  writeFileSync(app, `${readFileSync(app, 'utf8').replace(/\n\/\/ bench .*$/s, '')}\n// bench ${version}\n`);
};

try {
  await bootstrapResources({ region: 'us-east-1', endpoint: sandbox.endpoint, credentials }, '000000000000', {
    artifactBucket: ARTIFACT_BUCKET,
    functions: [],
  });
  if ((await deploy([], {})) !== 0) throw new Error('the first deployment of the example failed');
  const rows = [];
  for (const [index, fault] of RECOVERY_CASES.entries()) {
    changeVersion(`8.${index}.0`);
    if (fault.staleLock)
      await store.acquireLock('development', { user: 'ada', host: hostname(), pid: DEAD_PID }, 3600);
    sandbox.faults.configure({ rules: fault.rules });
    const started = Date.now();
    const exit = await deploy(fault.flags ?? [], changedConfiguration(index, fault.artifactBucket));
    sandbox.faults.configure({ rules: [] });
    const [record] = await store.listDeployments('development', { limit: 1 });
    const recovery = record?.recoveries?.find((entry) => entry.failure === fault.failure);
    const recovered = exit === 0 && record?.status === 'succeeded' && recovery?.outcome === 'recovered';
    const injected = fault.staleLock
      ? `lock of pid ${DEAD_PID} on this host`
      : fault.rules
          .map(
            (rule) =>
              `${rule.service}:${rule.operation} ${rule.throttle ? 'throttled' : rule.error?.code} ×${rule.times}`,
          )
          .join(', ');
    rows.push({
      fault,
      injected,
      recovered,
      seconds: (Date.now() - started) / 1000,
      action: recovery?.action ?? `exit ${exit}, ${record?.status}`,
    });
    process.stderr.write(`${fault.failure} on ${fault.step}: ${recovered ? 'recovered' : 'NOT recovered'}\n`);
  }
  console.log('| class | step | injected | recovered | deployment | what the agent did |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const row of rows)
    console.log(
      `| ${row.fault.failure} | ${row.fault.step} | ${row.injected} | ${row.recovered ? 'yes' : 'no'} | ${row.seconds.toFixed(1)} s | ${row.action} |`,
    );
  const recovered = rows.filter((row) => row.recovered).length;
  console.log(
    `\n${recovered} of ${rows.length} recovered by themselves (${((100 * recovered) / rows.length).toFixed(0)}%)`,
  );
} finally {
  await stop();
}
