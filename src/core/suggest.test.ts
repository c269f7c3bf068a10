import { describe, expect, it } from 'vitest';
import { closest, closestName, didYouMean, editDistance } from './suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('bucket', 'bucket')).toBe(0);
    expect(editDistance('bukcet', 'bucket')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('memoryMb', 'memory')).toBe(2);
  });
});

describe('closest', () => {
  it('suggests a near key regardless of case', () => {
    expect(closest('Bucket', ['bucket', 'prefix'])).toBe('bucket');
    expect(closest('distributionID', ['distributionId', 'source'])).toBe('distributionId');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(closest('zebra', ['bucket', 'prefix'])).toBeUndefined();
    expect(didYouMean('zebra', [])).toBeUndefined();
  });

  it('phrases a suggestion', () => {
    expect(didYouMean('stagging', ['staging', 'production'])).toBe("did you mean 'staging'?");
  });
});

describe('closestName', () => {
  const environments = ['development', 'production', 'staging'];

  it('suggests the environment a short name abbreviates', () => {
    expect(closestName('prod', environments)).toBe('production');
    expect(closestName('dev', environments)).toBe('development');
    expect(closestName('stage', environments)).toBe('staging');
    expect(closestName('stagging', environments)).toBe('staging');
  });

  it('suggests nothing when the beginning fits several names or none', () => {
    expect(closestName('p', environments)).toBeUndefined();
    expect(closestName('pr', ['preview', 'production'])).toBeUndefined();
    expect(closestName('qa', environments)).toBeUndefined();
  });
});
