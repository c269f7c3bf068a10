import { describe, expect, it } from 'vitest';
import { newestOfFamily, runtimeSupport } from './runtimes.js';

const NOW = new Date('2026-11-24T12:00:00Z');

describe('runtimeSupport', () => {
  it('says a runtime past its deprecation date is deprecated, with the date', () => {
    expect(runtimeSupport('nodejs20.x', NOW)).toEqual({ state: 'deprecated', on: '2026-04-30' });
  });
  it('warns within 90 days of a deprecation', () => {
    expect(runtimeSupport('nodejs22.x', new Date('2027-03-01T00:00:00Z'))).toEqual({
      state: 'deprecating',
      on: '2027-04-30',
      days: 60,
    });
  });
  it('supports runtimes far from deprecation, and ones it does not know', () => {
    expect(runtimeSupport('nodejs22.x', NOW)).toEqual({ state: 'supported' });
    expect(runtimeSupport('nodejs30.x', NOW)).toEqual({ state: 'supported' });
  });
  it('suggests the newest supported runtime of the same language', () => {
    expect(newestOfFamily('nodejs18.x', NOW)).toBe('nodejs24.x');
    expect(newestOfFamily('python3.9', NOW)).toBe('python3.14');
  });
});
