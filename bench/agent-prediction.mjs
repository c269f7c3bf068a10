#!/usr/bin/env node
// How well the agent's risk model predicts failures, on generated deployment histories. For each seed,
// two histories of the same shape: one where failures come from planted risk factors, one where they
// are pure noise (the same failure rate, independent of everything). The model is trained on the first
// 70% of each history (in time order) and scores the rest: AUC and Brier score on that later part,
// and the verdict `omnix agent evaluate` gives for such figures.
//
// Planted factors (log-odds added to a base of -4, so a plain deployment fails ~2% of the time, one
// with a single factor 50-73%); strong enough that they, not luck, explain most failures:
//   +4.0  the deployment changes function `worker`
//   +3.0  a large site change (more than 40 files uploaded or deleted)
//   +3.0  deployed between 00:00 and 05:59 UTC
//   +3.0  environment `flaky`
// The noise history has the same features and failure rate, the outcome drawn independently.
// Run after `npm run build`: node bench/agent-prediction.mjs   (SEEDS=1,2,3,4,5, DEPLOYMENTS=600)
import { encode } from '../dist/agent/risk/encode.js';
import { judge } from '../dist/agent/risk/evaluate.js';
import { fitLogistic, predict } from '../dist/agent/risk/logistic.js';
import { auc, brier } from '../dist/agent/risk/metrics.js';

const seeds = (process.env.SEEDS ?? '1,2,3,4,5').split(',').map(Number);
const count = Number(process.env.DEPLOYMENTS ?? 600);
const FUNCTIONS = ['api', 'worker', 'auth', 'images'];
const ENVIRONMENTS = ['development', 'staging', 'production', 'flaky'];

/** mulberry32: a small seeded generator, so every run of a seed prints the same figures. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const pick = (rand, list) => list[Math.floor(rand() * list.length)];

function history(seed, planted) {
  const rand = random(seed);
  const start = Date.UTC(2026, 0, 5);
  const deployments = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    at += Math.floor(rand() * 10 * 3600_000);
    const when = new Date(at);
    const touchesSite = rand() < 0.6;
    const files = touchesSite
      ? rand() < 0.2
        ? 41 + Math.floor(rand() * 200)
        : 1 + Math.floor(rand() * 20)
      : 0;
    const functions = FUNCTIONS.filter(() => rand() < 0.25);
    const features = {
      environment: pick(rand, ENVIRONMENTS),
      components: [...(files > 0 ? ['frontend'] : []), ...(functions.length > 0 ? ['backend'] : [])],
      files: {
        uploaded: Math.ceil(files * 0.8),
        deleted: files - Math.ceil(files * 0.8),
        uploadedBytes: files * (2000 + Math.floor(rand() * 50_000)),
      },
      functions: functions.map((key) => ({ name: `shop-${key}`, key, code: true, configuration: [] })),
      configChanges: rand() < 0.1 ? [{ path: 'backend.functions.api.memoryMb', digest: 'sha256:1' }] : [],
      ci: rand() < 0.7,
      weekdayUtc: when.getUTCDay(),
      hourUtc: when.getUTCHours(),
      sincePreviousMs: i === 0 ? null : at - deployments[i - 1].at,
      failuresLast7Days: 0,
    };
    const risk =
      -4 +
      (functions.includes('worker') ? 4 : 0) +
      (files > 40 ? 3 : 0) +
      (features.hourUtc < 6 ? 3 : 0) +
      (features.environment === 'flaky' ? 3 : 0);
    deployments.push({ at, features, risk });
  }
  // Noise keeps the planted history's failure rate, drawn independently of every feature.
  const rate = deployments.reduce((sum, d) => sum + sigmoid(d.risk), 0) / deployments.length;
  const weekMs = 7 * 24 * 3600_000;
  return deployments.map((d, i) => {
    const failed = rand() < (planted ? sigmoid(d.risk) : rate);
    d.failed = failed;
    const recent = deployments
      .slice(0, i)
      .filter(
        (past) =>
          past.failed && past.features.environment === d.features.environment && d.at - past.at < weekMs,
      ).length;
    return {
      id: `d-${i}`,
      startedAt: new Date(d.at).toISOString(),
      features: { ...d.features, failuresLast7Days: recent },
      outcome: failed ? 'failed' : 'succeeded',
    };
  });
}

function holdOut(deployments) {
  const split = Math.floor(deployments.length * 0.7);
  const [train, test] = [deployments.slice(0, split), deployments.slice(split)];
  const label = (d) => (d.outcome === 'failed' ? 1 : 0);
  const model = fitLogistic(
    train.map((d) => encode(d.features)),
    train.map(label),
  );
  const scores = test.map((d) => predict(model, encode(d.features)));
  const labels = test.map(label);
  const rate = labels.reduce((a, b) => a + b, 0) / labels.length;
  const result = {
    auc: auc(scores, labels),
    brier: brier(scores, labels),
    baseline: rate * (1 - rate),
    rate,
  };
  const positives = labels.reduce((a, b) => a + b, 0);
  return { ...result, verdict: judge(labels.length, positives, result.auc, result.brier, result.baseline) };
}

const f = (value) => (value === null ? '—' : value.toFixed(3));
console.log(
  `agent-prediction: ${count} deployments per history, trained on the first 70%, scored on the last 30%`,
);
console.log('seed  history  failure-rate  AUC    Brier  (base-rate Brier)  evaluate verdict');
const aucs = { planted: [], noise: [] };
for (const seed of seeds) {
  for (const kind of ['planted', 'noise']) {
    const deployments = history(seed, kind === 'planted');
    const result = holdOut(deployments);
    aucs[kind].push(result.auc);
    console.log(
      `${String(seed).padEnd(5)} ${kind.padEnd(8)} ${f(result.rate).padEnd(13)} ${f(result.auc).padEnd(6)} ${f(result.brier).padEnd(6)} (${f(result.baseline)})            ${result.verdict.verdict}: ${result.verdict.text.split(':')[0]}`,
    );
  }
}
const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
console.log(
  `mean AUC: planted ${f(mean(aucs.planted))} (target ≥ 0.85, every seed: ${aucs.planted.every((a) => a >= 0.85) ? 'yes' : 'no'}), noise ${f(mean(aucs.noise))} (expected ≈ 0.5)`,
);
