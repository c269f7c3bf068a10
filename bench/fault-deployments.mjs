#!/usr/bin/env node
// Deployments of the example app on a sandbox that throttles 30% of AWS requests and answers 10% with
// a 5xx, each followed by a consistency check (faults off) of what is live against the latest
// recorded release. Prints how many succeeded, rolled back cleanly, were refused before any change,
// or were left inconsistent (the target: none), and the deployments' times.
// Run after `npm run build`: node bench/fault-deployments.mjs   (RUNS=100, MAX_MINUTES=45, RETRY_MODE, SEED,
// THROTTLE_RATE=0.3, ERROR_RATE=0.1)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploy } from '../dist/actions/deploy/deploy.js';
import { loadValidConfig } from '../dist/config/load.js';
import { differencesFrom } from '../dist/engine/restore/restore.js';
import { createAwsClients } from '../dist/providers/aws/clients.js';
import { FileStateStore } from '../dist/state/file/file-store.js';
import { exampleOnSandbox, median } from './example-on-sandbox.mjs';

const runs = Number(process.env.RUNS ?? 100);
const stopAt = Date.now() + Number(process.env.MAX_MINUTES ?? 45) * 60_000;
const retryMode = process.env.RETRY_MODE ?? 'standard';
const throttled = Number(process.env.THROTTLE_RATE ?? 0.3);
const failed = Number(process.env.ERROR_RATE ?? 0.1);
const SERVICES = ['s3', 'lambda', 'apigateway', 'cloudfront', 'sts', 'iam', 'monitoring'];
// The injector tries the rules in order and the first error wins: 10% of all requests is 1/7 of the 70% not throttled.
const faultMix = (seed) => ({
  seed,
  rules: SERVICES.flatMap((service) => [
    { service, throttle: true, rate: throttled },
    {
      service,
      rate: failed / (1 - throttled),
      error: { code: 'InternalError', status: 500, message: 'injected 5xx' },
    },
  ]),
});

const onSandbox = await exampleOnSandbox('faults');
const { sandbox, project, stop } = onSandbox;
// Faults are injected into AWS calls, not into the app's traffic; latency limits would measure how busy
// the machine is, not how deployments cope with faults.
const common = {
  ...onSandbox.common,
  env: {
    ...onSandbox.common.env,
    OMNIX__HEALTH__LATENCY__P95MS: '60000',
    OMNIX__HEALTH__LATENCY__SAMPLES: '5',
  },
};
const aws = { ...common.aws, retryMode };
const store = new FileStateStore(join(project, '.omnix/state'));
const tally = { succeeded: 0, 'rolled back cleanly': 0, 'refused before any change': 0, inconsistent: 0 };
const times = [];
const problems = [];

const changeVersion = (version) => {
  const handler = join(project, 'backend/api/index.mjs');
  writeFileSync(
    handler,
    readFileSync(handler, 'utf8').replace(/const VERSION = '[^']+'/, `const VERSION = '${version}'`),
  );
  const app = join(project, 'web/src/app.js');
  writeFileSync(app, `${readFileSync(app, 'utf8').replace(/\n\/\/ bench .*$/s, '')}\n// bench ${version}\n`);
};

/** Live state against the latest release, with the faults off; the lock free and no record left in progress. */
async function inconsistencies() {
  const loaded = await loadValidConfig({
    environment: 'development',
    configDir: project,
    cwd: project,
    env: common.env,
  });
  const clients = createAwsClients({ ...loaded.config.aws, ...aws });
  const [release] = await store.listReleases('development', { limit: 1 });
  // Files the release no longer has stay live for frontend.deleteStale.afterReleases: not a difference here.
  const found = release
    ? (await differencesFrom(release.manifest, { loaded, clients, report: () => {} })).filter(
        (line) => !line.endsWith('live, but not in the release'),
      )
    : [];
  const [latest] = await store.listDeployments('development', { limit: 1 });
  if (latest && ['in_progress', 'interrupted'].includes(latest.status)) found.push(`record ${latest.status}`);
  if (latest?.status === 'failed' && (latest.changes?.length ?? 0) > 0) found.push('failed after changes');
  if (await store.readLock('development')) found.push('lock left behind');
  return found;
}

try {
  let ran = 0;
  for (; ran < runs && Date.now() < stopAt; ran++) {
    changeVersion(`9.${ran}.0`);
    const before = (await store.listDeployments('development', { limit: 1 }))[0]?.id;
    sandbox.faults.configure(faultMix(ran + Number(process.env.SEED ?? 1)));
    const start = Date.now();
    let kind;
    let detail = '';
    try {
      const outcome = await deploy({ ...common, aws });
      kind = outcome.status;
    } catch (error) {
      const [latest] = await store.listDeployments('development', { limit: 1 });
      const changedNothing = latest?.id === before || (latest?.changes?.length ?? 0) === 0;
      kind =
        error.code === 'RolledBack'
          ? 'rolled back cleanly'
          : changedNothing
            ? 'refused before any change'
            : 'inconsistent';
      detail = error.message;
    }
    const elapsed = Date.now() - start;
    sandbox.faults.configure({ rules: [] });
    const differences = await inconsistencies();
    if (differences.length > 0) kind = 'inconsistent';
    if (!(kind in tally)) kind = 'inconsistent';
    tally[kind]++;
    if (kind === 'succeeded') times.push(elapsed);
    if (kind !== 'succeeded')
      problems.push(`#${ran + 1} ${kind}: ${detail} ${differences.slice(0, 3).join('; ')}`.trim());
    process.stderr.write(
      `#${ran + 1} ${kind} in ${(elapsed / 1000).toFixed(1)} s${kind === 'succeeded' ? '' : `: ${problems.at(-1)}`}\n`,
    );
  }
  console.log(
    `${ran} deployments of the example under ${throttled * 100}% throttling and ${failed * 100}% 5xx (retry mode ${retryMode}):`,
  );
  for (const [kind, count] of Object.entries(tally)) console.log(`  ${kind}: ${count}`);
  if (times.length > 0)
    console.log(
      `  successful deployments took median ${(median(times) / 1000).toFixed(1)} s (range ${(Math.min(...times) / 1000).toFixed(1)}–${(Math.max(...times) / 1000).toFixed(1)} s)`,
    );
  for (const problem of problems) console.log(`  ${problem}`);
  if (ran < runs) console.log(`  stopped after ${ran} of ${runs}: MAX_MINUTES reached`);
} finally {
  await stop();
}
