import { describe, expect, it } from 'vitest';
import { assessRisk } from './assess.js';
import type { DeploymentFeatures, LabelledDeployment } from './features.js';

const base: DeploymentFeatures = {
  environment: 'staging',
  components: ['backend'],
  files: { uploaded: 0, deleted: 0, uploadedBytes: 0 },
  functions: [],
  configChanges: [],
  ci: true,
  weekdayUtc: 2,
  hourUtc: 10,
  sincePreviousMs: 5 * 3_600_000,
  failuresLast7Days: 0,
};

const codeChange = (key: string) => ({ name: `shop-${key}-staging`, key, code: true, configuration: [] });

/** `worker` changes fail 7 times in 9; `api` changes once in 9. */
function history(): LabelledDeployment[] {
  const deployments: LabelledDeployment[] = [];
  for (let i = 0; i < 18; i++) {
    const worker = i % 2 === 0;
    const failed = worker ? i % 9 !== 0 && i !== 4 : i === 7;
    deployments.push({
      id: `d-${String(i).padStart(2, '0')}`,
      startedAt: new Date(Date.UTC(2026, 10, 1, i)).toISOString(),
      features: { ...base, functions: [codeChange(worker ? 'worker' : 'api')] },
      outcome: failed ? 'failed' : 'succeeded',
    });
  }
  return deployments;
}

const settings = { threshold: 0.7, minHistory: 5 };

describe('assessRisk', () => {
  it('scores a change of an often-failing function higher, and names it first with its record', () => {
    const past = history();
    const worker = assessRisk({ ...base, functions: [codeChange('worker')] }, past, settings);
    const api = assessRisk({ ...base, functions: [codeChange('api')] }, past, settings);
    expect(worker.score).toBeGreaterThan(api.score!);
    expect(worker.factors[0]).toMatchObject({ feature: 'function=worker' });
    expect(worker.factors[0]!.text).toBe('changes function worker: 7 of its last 9 deployments failed');
    expect(worker.basis).toMatchObject({ deployments: 18, failures: 8 });
    // The average deployment's risk and the factors account for the score (up to rounding).
    const logit = (p: number) => Math.log(p / (1 - p));
    const summed = logit(worker.basis.average!) + worker.factors.reduce((sum, f) => sum + f.effect, 0);
    expect(Math.abs(summed - logit(worker.score!))).toBeLessThan(0.1);
    expect(worker.level).toBe('high');
    expect(api.level).toBe('low');
  });

  it('gives the same score for the same history (no randomness)', () => {
    const candidate = { ...base, functions: [codeChange('worker')] };
    expect(assessRisk(candidate, history(), settings)).toEqual(assessRisk(candidate, history(), settings));
  });

  it('gives no score below agent.minHistory, and says so', () => {
    const risk = assessRisk(base, history().slice(0, 4), settings);
    expect(risk).toMatchObject({ score: null, level: 'unknown', factors: [], basis: { deployments: 4 } });
    expect(risk.note).toMatch(/not enough history: 4 deployment\(s\) recorded, 5 needed/);
  });

  it('gives no score when every deployment had the same outcome', () => {
    const allGood = history().map((deployment) => ({ ...deployment, outcome: 'succeeded' as const }));
    const risk = assessRisk(base, allGood, settings);
    expect(risk).toMatchObject({ score: null, level: 'unknown' });
    expect(risk.note).toMatch(/all 18 recorded deployments succeeded/);
  });
});
