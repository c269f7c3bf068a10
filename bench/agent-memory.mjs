#!/usr/bin/env node
// The agent's cost before a change: reading the memory of a project with N remembered deployments from
// the folder store, and matching a plan against it. Also the size of one memory document.
// Run after `npm run build`: node bench/agent-memory.mjs   (DEPLOYMENTS=1000 ROUNDS=5)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { learnFromRecord } from '../dist/agent/memory/learn.js';
import { readMemory } from '../dist/agent/memory/read-memory.js';
import { findKnownFailures } from '../dist/agent/prevention/known-failures.js';
import { FileStateStore } from '../dist/state/file/file-store.js';
import { newDeploymentId } from '../dist/state/store.js';

const count = Number(process.env.DEPLOYMENTS ?? 1000);
const rounds = Number(process.env.ROUNDS ?? 5);
const root = await mkdtemp(join(tmpdir(), 'omnix-bench-agent-'));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  const store = new FileStateStore(root);
  const files = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [`assets/chunk-${i}.js`, `${i}`.padStart(32, '0')]),
  );
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const environment = ['development', 'staging', 'production'][i % 3];
    const at = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000);
    const failed = i % 7 === 0;
    const entry = learnFromRecord({
      id: newDeploymentId(at),
      environment,
      status: failed ? 'rolled_back' : 'succeeded',
      startedAt: at.toISOString(),
      caller: { user: 'ci', host: 'runner', pid: 1 },
      configDigest: 'sha256:x',
      phases: [],
      changes: ['updated code'],
      artifacts: { files, functions: { [`api-${environment}`]: `CODE-${i}` } },
      plan: {
        frontend: { upload: 3, delete: 1, uploadBytes: 40_000 },
        backend: { functions: [{ name: `api-${environment}`, action: 'update-code', changedFields: [] }] },
      },
      errors: failed
        ? [
            {
              code: 'HealthCheckFailed',
              message: 'the new release is not healthy: 1 health check(s) failed: api (status 500)',
            },
          ]
        : [],
    });
    bytes += JSON.stringify(entry).length;
    await store.putMemory(entry);
  }
  const reads = [];
  const matches = [];
  let memory;
  for (let round = 0; round < rounds; round++) {
    let start = process.hrtime.bigint();
    memory = await readMemory(store);
    reads.push(Number(process.hrtime.bigint() - start) / 1e6);
    start = process.hrtime.bigint();
    findKnownFailures(
      { functionCode: [{ name: 'api-production', codeSha256: `CODE-${count - 7}` }], configChanges: [] },
      memory.deployments,
    );
    matches.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  console.log(
    `${count} remembered deployments (${memory.deployments.length} read back): reading the memory median ${median(reads).toFixed(0)} ms, matching a plan median ${median(matches).toFixed(1)} ms over ${rounds} rounds; one document ${Math.round(bytes / count)} bytes on average (40 site files)`,
  );
} finally {
  await rm(root, { recursive: true, force: true });
}
