#!/usr/bin/env node
// Rollback of the example app on the sandbox: the time from the decision to roll back to a verified
// previous release, and the AWS calls it took. Two kinds: a manual `omnix rollback` to the release
// before (plan, safety check, lock, restore, read-back verification, record), ROUNDS times back and
// forth; and the automatic rollback after a deployment whose invalidation fails.
// Run after `npm run build`: node bench/rollback.mjs   (ROUNDS=5)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploy } from '../dist/actions/deploy/deploy.js';
import { rollbackRelease } from '../dist/actions/rollback/rollback-release.js';
import { FileStateStore } from '../dist/state/file/file-store.js';
import { exampleOnSandbox, median } from './example-on-sandbox.mjs';

const rounds = Number(process.env.ROUNDS ?? 5);
const { sandbox, project, apiUrl, common, calls, stop } = await exampleOnSandbox('rollback');
const { credentials } = common.aws;
try {
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

  await release('1.0.0');
  await release('2.0.0');
  const times = [];
  const counts = [];
  for (let round = 0; round < rounds; round++) {
    const before = await calls();
    const start = process.hrtime.bigint();
    // Back and forth between the two releases: after a rollback, going back again must name the release.
    const outcome = await rollbackRelease({ ...common, release: round % 2 === 0 ? 1 : 2 });
    if (outcome.status !== 'rolled-back') throw new Error(`round ${round}: ${outcome.status}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    counts.push((await calls()) - before);
  }
  const health = await (await fetch(`${apiUrl}/health`)).json();
  console.log(
    `manual rollback (plan, check, lock, restore, verify, record): median ${median(times).toFixed(0)} ms over ${rounds} (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); ${median(counts)} AWS calls each; target < 2000 ms; API now serves ${health.version}`,
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
  await stop();
}
