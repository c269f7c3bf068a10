// What every scenario shares: the settings, the two tools run as whole processes (the built `omnix`,
// and the AWS CLI pointed at the sandbox), and the figures (median, range) they produce.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from './process.mjs';

const numberSetting = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

export const settings = {
  /** Timed runs of each side of each comparison. */
  runs: Math.round(numberSetting('BENCH_RUNS', 3)),
  /** Multiplies the number of files and bytes of every synthetic site (0.1 for a quick look). */
  scale: numberSetting('BENCH_SCALE', 1),
  /** Comma-separated scenario names to run (default: all). */
  only: process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((name) => name.trim()) : undefined,
};
/** The scenario running now: `BENCH_SCALE_<NAME>` (BENCH_SCALE_PLAN=0.1, say) overrides its scale. */
export const current = { scenario: undefined };
export const scale = () =>
  current.scenario && process.env[`BENCH_SCALE_${current.scenario.toUpperCase()}`]
    ? numberSetting(`BENCH_SCALE_${current.scenario.toUpperCase()}`)
    : settings.scale;
export const scaled = (n) => Math.max(1, Math.round(n * scale()));

export const OMNIX_BIN = fileURLToPath(new URL('../../bin/omnix.js', import.meta.url));
export const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIABENCH', AWS_SECRET_ACCESS_KEY: 'bench' };

/** Folders the scenarios made, removed by the entry script at the end. */
export const workDirs = [];
export const workDir = (name) => {
  const dir = mkdtempSync(join(tmpdir(), `omnix-bench-${name}-`));
  workDirs.push(dir);
  return dir;
};

/** The environment both tools get: the sandbox's endpoint and credentials, nothing from the user's setup. */
export function toolEnv(endpoint, extra = {}) {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    OMNIX_AWS_ENDPOINT: endpoint,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NO_COLOR: '1',
    ...CREDENTIALS,
    ...extra,
  };
}

export const omnix = (args, { cwd, env, check }) =>
  runProcess(process.execPath, [OMNIX_BIN, ...args], { cwd, env, check });

/**
 * The AWS CLI's own entry point (a pyenv or asdf shim in front of it would add its start-up to every
 * run), or undefined when it is not installed.
 */
export const awsBinary = (() => {
  const found = spawnSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' });
  if (found.status !== 0) return undefined;
  const shimmed = spawnSync('pyenv', ['which', 'aws'], { encoding: 'utf8' });
  const path = shimmed.status === 0 ? shimmed.stdout.trim() : found.stdout.trim();
  const version = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return version.status === 0 ? { path: realpathSync(path), version: version.stdout.trim() } : undefined;
})();

export const aws = (endpoint, args, { cwd, env } = {}) =>
  runProcess(awsBinary.path, ['--endpoint-url', endpoint, ...args], {
    cwd,
    env: env ?? toolEnv(endpoint),
  });

/** One measured run: seconds, and what else was seen (requests, peak RSS, bytes written). */
export async function measured(sandbox, run) {
  const before = await sandbox.requests();
  const result = await run();
  return { ...result, requests: (await sandbox.requests()) - before };
}

/**
 * `runs` rounds of omnix and the comparison, alternating which goes first so that neither always
 * follows the other (caches, a busy moment); `between(round)` prepares each round untimed.
 */
export async function alternate(runs, { omnix: omnixRun, comparison, between }) {
  const omnixSamples = [];
  const comparisonSamples = [];
  for (let round = 0; round < runs; round++) {
    await between?.(round);
    const order = round % 2 === 0 ? ['omnix', 'comparison'] : ['comparison', 'omnix'];
    for (const side of order) {
      if (side === 'omnix') omnixSamples.push(await omnixRun(round));
      else if (comparison) comparisonSamples.push(await comparison(round));
    }
  }
  return { omnix: omnixSamples, comparison: comparison ? comparisonSamples : undefined };
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)] + sorted[Math.ceil(middle)]) / 2;
};

export const summary = (values) => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
  n: values.length,
});

export const seconds = (value) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
export const megabytes = (bytes) => {
  const mb = bytes / 1024 / 1024;
  return `${mb < 10 ? mb.toFixed(1) : mb.toFixed(0)} MB`;
};
export const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');

/** Prints one scenario's detail line as it finishes (the table comes at the end). */
export const detail = (text) => console.log(`  ${text}`);

/** A table row of wall times from `alternate`'s results. */
export const timeRow = (work, pair, target, note) => ({
  work,
  unit: 's',
  omnix: pair.omnix.map((run) => run.seconds),
  comparison: pair.comparison?.map((run) => run.seconds),
  target,
  note,
});
