import { describe, expect, it } from 'vitest';
import { auc, brier } from './metrics.js';

describe('auc and brier', () => {
  it('is 1 for a perfect ranking, 0.5 for ties everywhere, null with one class', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    expect(auc([0.9, 0.1, 0.8, 0.2], [0, 1, 0, 1])).toBe(0);
    expect(auc([0.3, 0.4], [1, 1])).toBeNull();
  });

  it('brier is the mean squared error of the probabilities', () => {
    expect(brier([1, 0, 0.5], [1, 0, 1])).toBeCloseTo(0.25 / 3);
    expect(brier([], [])).toBeNull();
  });
});
