#!/usr/bin/env node
// Validation of the example app on the sandbox: the time `omnix validate` takes for all ten checks and
// the AWS calls it makes, before the first release and after one. Issue 6 asks for under 2 seconds.
// Run after `npm run build`: node bench/validate.mjs   (ROUNDS=10)
import { deploy } from '../dist/actions/deploy/deploy.js';
import { validateNow } from '../dist/actions/inspect/validate-now.js';
import { exampleOnSandbox, median } from './example-on-sandbox.mjs';

const rounds = Number(process.env.ROUNDS ?? 10);
const { common, calls, stop } = await exampleOnSandbox('validate');
try {
  const measure = async (label) => {
    const times = [];
    const counts = [];
    let report;
    for (let round = 0; round < rounds; round++) {
      const before = await calls();
      const start = process.hrtime.bigint();
      report = await validateNow(common);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      counts.push((await calls()) - before);
    }
    const slowest = [...report.checks].sort((a, b) => b.durationMs - a.durationMs)[0];
    console.log(
      `${label}: median ${median(times).toFixed(0)} ms over ${rounds} (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}), including loading the configuration; ${median(counts)} AWS calls; ${report.checks.length} checks, status ${report.status}; slowest check ${slowest.name} ${slowest.durationMs} ms; target < 2000 ms`,
    );
  };
  await deploy({ ...common, dryRun: true }); // builds the site
  await measure('validate before the first release');
  await deploy(common);
  await measure('validate after release v1');
} finally {
  await stop();
}
