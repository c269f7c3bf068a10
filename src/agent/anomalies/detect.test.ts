import { describe, expect, it } from 'vitest';
import { detectAnomalies } from './detect.js';
import type { Measurement } from './measurements.js';

const run = (apply: number, verify: number, s3: number, health: number): Measurement[] => [
  { kind: 'phase', name: 'apply', value: apply },
  { kind: 'phase', name: 'verify', value: verify },
  { kind: 'requests', name: 's3', value: s3 },
  { kind: 'health', name: 'api-health', value: health },
];

const normal = [
  run(1200, 800, 14, 20),
  run(1350, 950, 14, 25),
  run(1100, 700, 15, 18),
  run(1500, 1000, 14, 30),
  run(1250, 820, 16, 22),
  run(1400, 760, 14, 19),
];

describe('detectAnomalies', () => {
  it('flags the one measurement far above the usual, with the figures', () => {
    const found = detectAnomalies(run(9500, 900, 15, 24), normal, 5);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'phase', name: 'apply', value: 9500, median: 1300, baseline: 6 });
    expect(found[0]!.text).toMatch(
      /^phase apply: 9500 ms, usually 1300 ms \(median of 6 successful deployments/,
    );
  });

  it('does not flag ordinary noise, a faster run, or small steps over a steady value', () => {
    expect(detectAnomalies(run(1600, 1050, 17, 31), normal, 5)).toEqual([]);
    expect(detectAnomalies(run(100, 50, 2, 1), normal, 5)).toEqual([]);
    const steady = Array.from({ length: 6 }, () => run(1000, 500, 10, 20));
    expect(detectAnomalies(run(1400, 900, 14, 110), steady, 5)).toEqual([]);
  });

  it('judges nothing before the minimum history', () => {
    expect(detectAnomalies(run(9500, 9000, 150, 900), normal.slice(0, 4), 5)).toEqual([]);
  });

  it('flags a health-check latency anomaly', () => {
    const found = detectAnomalies(run(1300, 900, 14, 400), normal, 5);
    expect(found.map((anomaly) => `${anomaly.kind} ${anomaly.name}`)).toEqual(['health api-health']);
  });
});
