import { describe, expect, it } from 'vitest';
import { deployment } from '../../state/store.contract.js';
import { compareDeployments } from './compare-deployments.js';

const at = (time: string) => new Date(`2026-05-01T${time}Z`);

describe('comparing two deployments', () => {
  it('names the configuration, artifact and timing differences', () => {
    const a = deployment('staging', at('10:00:00'), {
      status: 'succeeded',
      release: 4,
      finishedAt: at('10:00:05').toISOString(),
      config: { frontend: { bucket: 'web' }, backend: { functions: { api: { memoryMb: 256 } } } },
      artifacts: {
        files: { 'index.html': 'aaa', 'assets/app-1.js': 'bbb', 'logo.svg': 'ccc' },
        functions: { 'shop-api': 'sha-1', 'shop-worker': 'sha-w' },
        apiDefinition: 'def-1',
      },
      phases: [
        { name: 'plan', startedAt: at('10:00:00').toISOString(), durationMs: 400, outcome: 'ok' },
        { name: 'apply', startedAt: at('10:00:01').toISOString(), durationMs: 3000, outcome: 'ok' },
      ],
    });
    const b = deployment('staging', at('11:00:00'), {
      status: 'failed',
      finishedAt: at('11:00:02').toISOString(),
      configDigest: 'sha256:other',
      config: { frontend: { bucket: 'web' }, backend: { functions: { api: { memoryMb: 512 } } } },
      artifacts: {
        files: { 'index.html': 'ddd', 'assets/app-2.js': 'eee', 'logo.svg': 'ccc' },
        functions: { 'shop-api': 'sha-2', 'shop-worker': 'sha-w' },
        apiDefinition: 'def-1',
      },
      phases: [{ name: 'plan', startedAt: at('11:00:00').toISOString(), durationMs: 300, outcome: 'ok' }],
    });
    const comparison = compareDeployments(a, b);
    expect(comparison.config).toEqual([{ path: 'backend.functions.api.memoryMb', a: 256, b: 512 }]);
    expect(comparison.configDigestsEqual).toBe(false);
    expect(comparison.artifacts).toEqual({
      files: {
        added: ['assets/app-2.js'],
        removed: ['assets/app-1.js'],
        changed: ['index.html'],
        unchanged: 1,
      },
      functions: [{ name: 'shop-api', a: 'sha-1', b: 'sha-2' }],
      apiDefinition: null,
    });
    expect(comparison.timing).toEqual({
      total: { a: 5000, b: 2000, deltaMs: -3000 },
      phases: [
        { name: 'plan', a: 400, b: 300, deltaMs: -100 },
        { name: 'apply', a: 3000, b: null, deltaMs: null },
      ],
    });
    expect(comparison.a).toMatchObject({ status: 'succeeded', release: 4 });
    expect(comparison.b).toMatchObject({ status: 'failed', release: null });
  });
});
