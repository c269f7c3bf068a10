import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadValidConfig } from '../../config/load.js';
import type { AdviceInput } from './advice.js';
import { functionsWithoutHealthCheck } from './config-advice.js';

const EXAMPLE = join(import.meta.dirname, '../../../examples/webapp');

describe('functionsWithoutHealthCheck', () => {
  it('counts a function as checked when an http check calls a route it serves', async () => {
    const { config } = await loadValidConfig({
      environment: 'preview',
      configDir: EXAMPLE,
      cwd: EXAMPLE,
      env: {},
    });
    const input = (names: string[]) =>
      ({
        environment: 'preview',
        config: {
          ...config,
          health: { ...config.health, checks: config.health.checks.filter((c) => names.includes(c.name)) },
        },
      }) as unknown as AdviceInput;
    // POST /orders/summary is the worker's route
    expect(await functionsWithoutHealthCheck(input(['api-health', 'orders-summary']))).toEqual([]);
    expect(
      (await functionsWithoutHealthCheck(input(['api-health', 'products']))).map((advice) => advice.title),
    ).toEqual(['no health check reaches function worker']);
  });
});
