#!/usr/bin/env node
// Median wall time of `omnix --help` (a fresh Node process each time), over 20 runs after 2 warm-ups.
// Target: under 250 ms on the 2-core CI machine. Run: npm run bench:cli-startup
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/omnix.js', import.meta.url));
const runs = Number(process.env.RUNS ?? 20);
const time = () => {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`omnix --help exited ${result.status}: ${result.stderr}`);
  return elapsed;
};

time();
time();
const samples = Array.from({ length: runs }, time).sort((a, b) => a - b);
const median = (samples[Math.floor((runs - 1) / 2)] + samples[Math.ceil((runs - 1) / 2)]) / 2;
const baseline = (() => {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0']);
  return Number(process.hrtime.bigint() - start) / 1e6;
})();
console.log(
  `omnix --help: median ${median.toFixed(1)} ms over ${runs} runs (min ${samples[0].toFixed(1)}, max ${samples.at(-1).toFixed(1)}); bare node start ${baseline.toFixed(1)} ms; target < 250 ms`,
);
