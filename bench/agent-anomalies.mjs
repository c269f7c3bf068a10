#!/usr/bin/env node
// False alarms of the agent's anomaly detection on ordinary runs: deploys the example to the sandbox
// RUNS times, each with a small site change and nothing injected, with the agent's extensions as the
// CLI wires them (agent.anomalies: warn). Every anomaly flagged is a false alarm; prints how many
// deployments were judged, how many had one, and which measurements they were.
// Run after `npm run build`: node bench/agent-anomalies.mjs   (RUNS=20)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploy } from '../dist/actions/deploy/deploy.js';
import { anomalyExtension } from '../dist/agent/anomalies/extension.js';
import { riskExtension } from '../dist/agent/risk/extension.js';
import { FileStateStore } from '../dist/state/file/file-store.js';
import { exampleOnSandbox } from './example-on-sandbox.mjs';

const runs = Number(process.env.RUNS ?? 20);
const example = await exampleOnSandbox('anomalies');
const page = join(example.project, 'web/src/index.html');
const store = new FileStateStore(join(example.project, '.omnix/state'));
const flagged = [];
let judged = 0;
try {
  for (let i = 0; i < runs; i++) {
    writeFileSync(page, readFileSync(page, 'utf8').replace('</h1>', `</h1><p>run ${i}</p>`));
    await deploy({ ...example.common, extensions: [riskExtension, anomalyExtension] });
    const [record] = await store.listDeployments('development', { limit: 1 });
    // The first minHistory (5) successful deployments form the baseline and are not judged.
    if (i >= 5) judged++;
    for (const anomaly of record.anomalies ?? []) flagged.push({ run: i, text: anomaly.text });
  }
} finally {
  await example.stop();
}
const withAlarm = new Set(flagged.map((alarm) => alarm.run)).size;
console.log(
  `agent-anomalies: ${runs} ordinary deployments, ${judged} judged: ${withAlarm} with a false alarm (${((100 * withAlarm) / Math.max(judged, 1)).toFixed(1)}% of deployments), ${flagged.length} false alarm(s) in all`,
);
for (const alarm of flagged) console.log(`  run ${alarm.run}: ${alarm.text}`);
