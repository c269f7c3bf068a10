#!/usr/bin/env node
// omnix against what a user would run instead, as whole processes on the built-in sandbox (started
// here, one per scenario, stopped at the end): `aws s3 sync` for the site, the AWS CLI by hand for a
// backend deployment, `node -e 0` for start-up. Both sides run alternately, several times; the table
// gives medians, ranges and ratios against the targets of issue 16. A target missed is reported as
// "not met", never as a failure: a slow or busy machine changes the figures, not the exit code.
//
// Run after `npm run build`: npm run bench:vs-aws
//   BENCH_RUNS=3       timed runs of each side
//   BENCH_SCALE=1      files and bytes of the synthetic sites (0.1 for a quick look);
//                      BENCH_SCALE_<SCENARIO> for one scenario (BENCH_SCALE_PLAN=0.25)
//   BENCH_ONLY=a,b     scenarios: frontend, plan, large, example, rollback
import { rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { awsBinary, current, load, median, scale, seconds, settings, workDirs } from './vs-aws/common.mjs';
import { running } from './vs-aws/process.mjs';
import { startSandboxProcess } from './vs-aws/sandbox.mjs';
import { exampleScenario } from './vs-aws/scenario-example.mjs';
import { frontendScenario } from './vs-aws/scenario-frontend.mjs';
import { largeScenario } from './vs-aws/scenario-large.mjs';
import { planScenario } from './vs-aws/scenario-plan.mjs';
import { rollbackScenario } from './vs-aws/scenario-rollback.mjs';

const scenarios = {
  frontend: frontendScenario,
  plan: planScenario,
  large: largeScenario,
  example: exampleScenario,
  rollback: rollbackScenario,
};
const chosen = settings.only ?? Object.keys(scenarios);
const unknown = chosen.filter((name) => !scenarios[name]);
if (unknown.length > 0) {
  console.error(`unknown scenario(s) ${unknown.join(', ')}; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}

const format = (values, unit) => {
  if (!values || values.length === 0) return '–';
  const show = (n) => (unit === 's' ? seconds(n) : n.toFixed(unit === '×' ? 1 : 0));
  const m = median(values);
  const range = values.length > 1 ? ` (${show(Math.min(...values))}–${show(Math.max(...values))})` : '';
  return `${show(m)} ${unit}${range}`;
};
const judge = (row) => {
  const ours = row.omnix.length > 0 ? median(row.omnix) : undefined;
  const theirs = row.comparison?.length ? median(row.comparison) : undefined;
  const ratio = ours !== undefined && theirs ? ours / theirs : undefined;
  const ratioText = ratio === undefined ? '–' : `${ratio.toFixed(2)}×`;
  if (!row.target) return { ratioText, target: '–', met: '–' };
  if (row.target.ratio !== undefined) {
    const target = `≤ ${row.target.ratio}×`;
    if (ratio === undefined) return { ratioText, target, met: 'n/a (no comparison)' };
    return { ratioText, target, met: ratio <= row.target.ratio ? 'yes' : 'not met' };
  }
  const target = `≤ ${row.target.max} ${row.unit}`;
  if (ours === undefined) return { ratioText, target, met: 'n/a (not measured)' };
  return { ratioText, target, met: ours <= row.target.max ? 'yes' : 'not met' };
};

console.log(
  `omnix vs ${awsBinary ? awsBinary.version : 'nothing (the AWS CLI is not installed: comparisons skipped)'}`,
);
console.log(
  `${settings.runs} runs each, scale ${settings.scale}, Node ${process.version}, ${cpus().length} cores; load average at start ${load()}`,
);
const rows = [];
function printTable(prefix) {
  const table = [
    [
      'Work (whole processes, side by side)',
      'omnix median (range)',
      'comparison median (range)',
      'omnix ÷ comparison',
      'target',
      'met?',
    ],
    ...rows.map((row) => {
      const { ratioText, target, met } = judge(row);
      return [
        row.work + (row.note ? ` (${row.note})` : ''),
        format(row.omnix, row.unit),
        row.comparison ? format(row.comparison, row.unit) : awsBinary || row.unit === '×' ? '–' : 'skipped',
        ratioText,
        target,
        met,
      ];
    }),
  ];
  const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
  const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  console.log('');
  console.log(line(table[0]));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const cells of table.slice(1)) console.log(line(cells));
  console.log(
    `\n${prefix}load average at end ${load()}; ${((Date.now() - started) / 60000).toFixed(1)} min in all` +
      (awsBinary ? '' : '; the AWS CLI is not installed, so no comparison ran (apt-get install awscli)'),
  );
}
const started = Date.now();
let sandbox;
const stopAll = async () => {
  for (const child of running) child.kill('SIGTERM');
  await sandbox?.stop();
  for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
};
// Interrupted (Ctrl-C, a time limit): the figures measured so far are still worth printing.
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () =>
    stopAll().then(() => {
      printTable(`interrupted by ${signal}; `);
      process.exit(130);
    }),
  );
try {
  for (const name of chosen) {
    current.scenario = name;
    console.log(`\n${name} (scale ${scale()}, load average ${load()})`);
    const scenarioStart = Date.now();
    sandbox = await startSandboxProcess();
    try {
      rows.push(...(await scenarios[name](sandbox)));
    } catch (error) {
      // One scenario failing (a bug, not slowness) should not hide the figures of the others.
      console.log(`  ${name} failed: ${error.message}`);
      process.exitCode = 1;
    } finally {
      await sandbox.stop();
      sandbox = undefined;
    }
    console.log(`  (${((Date.now() - scenarioStart) / 1000).toFixed(0)} s)`);
  }
} finally {
  await stopAll();
}

printTable('');
