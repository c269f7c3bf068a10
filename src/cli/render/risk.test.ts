import { describe, expect, it } from 'vitest';
import type { AgentPlanFindings, PlanSummary } from '../../records/index.js';
import { createStyle } from '../style.js';
import { highRisk, renderRisk } from './risk.js';

const style = createStyle(false);
const plan = (risk: unknown): PlanSummary => ({
  environment: 'production',
  nothingToDo: false,
  agent: { risk: risk as AgentPlanFindings['risk'] },
});

describe('renderRisk', () => {
  it('shows a high score as HIGH RISK with its factors, and the question says so', () => {
    const high = plan({
      score: 0.82,
      level: 'high',
      threshold: 0.7,
      basis: { deployments: 12, failures: 5 },
      factors: [
        {
          feature: 'function=worker',
          effect: 1.4,
          text: 'changes function worker: 4 of its last 5 deployments failed',
        },
      ],
    });
    expect(renderRisk(high, style)).toEqual([
      '  risk: 0.82 high (at or above agent.riskThreshold 0.7), from 12 deployment(s), 5 failed: HIGH RISK',
      '    ↑ changes function worker: 4 of its last 5 deployments failed (odds ×4.06)',
    ]);
    expect(highRisk(high)).toBe('high risk: 0.82, at or above agent.riskThreshold 0.7');
  });

  it('says why there is no score', () => {
    const unknown = plan({
      score: null,
      level: 'unknown',
      threshold: 0.7,
      factors: [],
      basis: { deployments: 2, failures: 0 },
      note: 'not enough history: 2 deployment(s) recorded, 5 needed (agent.minHistory)',
    });
    expect(renderRisk(unknown, style)).toEqual([
      '  risk: unknown (not enough history: 2 deployment(s) recorded, 5 needed (agent.minHistory); from 2 deployment(s), 0 failed)',
    ]);
    expect(highRisk(unknown)).toBeUndefined();
    expect(renderRisk({ environment: 'staging', nothingToDo: false }, style)).toEqual([]);
  });
});
