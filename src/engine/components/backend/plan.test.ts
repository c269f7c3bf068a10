import { describe, expect, it } from 'vitest';
import type { DesiredFunction, LiveFunction } from '../../../providers/aws/functions.js';
import { planBackend } from './plan.js';

const desired: DesiredFunction = {
  key: 'api',
  name: 'shop-api',
  codeSha256: 'sha-2',
  runtime: 'nodejs20.x',
  handler: 'index.handler',
  memoryMb: 256,
  timeoutSeconds: 10,
  environment: { STAGE: 'dev', B: '1' },
  alias: 'live',
};
const live: LiveFunction = {
  name: 'shop-api',
  codeSha256: 'sha-2',
  runtime: 'nodejs20.x',
  handler: 'index.handler',
  memorySize: 256,
  timeout: 10,
  environment: { B: '1', STAGE: 'dev' },
  description: '',
  alias: { version: '3', codeSha256: 'sha-2' },
};
const plan = (overrides: Partial<LiveFunction>, want: Partial<DesiredFunction> = {}) =>
  planBackend([{ ...desired, ...want }], new Map([[live.name, { ...live, ...overrides }]])).functions[0];

describe('planBackend', () => {
  it('leaves a function alone when code, configuration and alias all match', () => {
    expect(plan({})).toEqual({
      key: 'api',
      name: 'shop-api',
      action: 'unchanged',
      changedFields: [],
      release: false,
    });
  });

  it('updates code when the CodeSha256 differs', () => {
    expect(plan({ codeSha256: 'sha-1' })).toMatchObject({
      action: 'update-code',
      changedFields: [],
      release: true,
    });
  });

  it('updates configuration field by field, environment compared regardless of order', () => {
    expect(plan({ memorySize: 128, environment: { STAGE: 'dev', B: '2' } })).toMatchObject({
      action: 'update-configuration',
      changedFields: ['memoryMb', 'environment'],
    });
    expect(plan({ codeSha256: 'x', timeout: 3 })).toMatchObject({
      action: 'update-code-and-configuration',
      changedFields: ['timeoutSeconds'],
    });
  });

  it('publishes and moves the alias when the alias does not serve the code being deployed', () => {
    expect(plan({ alias: { version: '2', codeSha256: 'sha-1' } })).toMatchObject({
      action: 'publish',
      release: true,
    });
    expect(plan({ alias: undefined })).toMatchObject({ action: 'publish', release: true });
  });

  it('names functions that do not exist', () => {
    const result = planBackend([desired], new Map());
    expect(result.missing).toEqual(['shop-api']);
    expect(result.functions[0]?.action).toBe('missing');
  });

  it('sets and removes stage variables that differ, and plans nothing when they match', () => {
    const functions = new Map([[live.name, live]]);
    expect(
      planBackend([desired], functions, { desired: { a: '1', b: '2' }, live: { a: '1', b: '1', c: '9' } })
        .stage,
    ).toEqual({
      setVariables: { b: '2' },
      removeVariables: ['c'],
    });
    expect(
      planBackend([desired], functions, { desired: { a: '1' }, live: { a: '1' } }).stage,
    ).toBeUndefined();
  });
});
