import { describe, expect, it } from 'vitest';
import { type ChangeContext, type ChangeExtension, reviewPlan } from '../src/engine/change/extensions.js';
import type { PlanSummary } from '../src/records/index.js';

const context = { kind: 'deploy', report: () => {} } as unknown as ChangeContext;

describe('reviewPlan', () => {
  it('merges the findings of extensions that report under the same name (the agent memory and its risk model)', async () => {
    const memory: ChangeExtension = { name: 'agent', reviewPlan: async () => ({ knownFailures: [] }) };
    const risk: ChangeExtension = { name: 'agent', reviewPlan: async () => ({ risk: { score: 0.2 } }) };
    const other: ChangeExtension = { name: 'gates', reviewPlan: async () => ({ open: true }) };
    const summary: PlanSummary = { environment: 'staging', nothingToDo: false };
    await reviewPlan([memory, risk, other], context, { summary, dryRun: true });
    expect(summary).toEqual({
      environment: 'staging',
      nothingToDo: false,
      agent: { knownFailures: [], risk: { score: 0.2 } },
      gates: { open: true },
    });
  });
});
