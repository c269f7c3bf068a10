import { describe, expect, it } from 'vitest';
import { TEN_DAYS } from '../../../../test/helpers/deployment-records.js';
import type { DashboardData } from '../load.js';
import { environmentMetrics } from '../metrics/environment-metrics.js';
import { createDashboardApp } from './app.js';

const NOW = new Date('2026-03-11T10:00:00Z');
const DATA: DashboardData = {
  generatedAt: NOW.toISOString(),
  environments: [
    environmentMetrics(
      {
        environment: 'staging',
        deployments: TEN_DAYS,
        releases: [],
        lock: null,
        deadIds: new Set(),
        commitTimes: new Map(),
      },
      NOW,
    ),
  ],
  warnings: [],
};

function app(load: () => Promise<DashboardData> = async () => DATA) {
  let loads = 0;
  const created = createDashboardApp({
    load: () => {
      loads++;
      return load();
    },
    library: async () => 'window.Chart = function () {};',
  });
  return { app: created, loads: () => loads };
}

const local = { headers: { host: '127.0.0.1:4580' } };

describe('the dashboard app', () => {
  it('serves the page with its policy and no-sniff headers, reading the store on every request', async () => {
    const { app: dashboard, loads } = app();
    const first = await dashboard.request('/', local);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    expect(first.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'sha256-/);
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await first.text()).toContain('<section data-environment="staging">');
    await dashboard.request('/', local);
    expect(loads()).toBe(2);
  });

  it('serves the same numbers as JSON', async () => {
    const response = await app().app.request('/metrics.json', local);
    expect(response.status).toBe(200);
    const body = (await response.json()) as DashboardData;
    expect(body.environments[0]!.dora.changeFailureRate).toEqual({ failures: 4, changes: 6, rate: 4 / 6 });
  });

  it('answers to loopback names only, so a rebinding DNS name cannot read it', async () => {
    const { app: dashboard } = app();
    expect((await dashboard.request('/', { headers: { host: 'localhost:4580' } })).status).toBe(200);
    expect((await dashboard.request('/', { headers: { host: '[::1]:4580' } })).status).toBe(200);
    const foreign = await dashboard.request('/', { headers: { host: 'attacker.example:4580' } });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).not.toContain('staging');
  });

  it('is read-only, and says where the page is for any other path', async () => {
    const { app: dashboard } = app();
    const post = await dashboard.request('/', { ...local, method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const missing = await dashboard.request('/nope', local);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('the dashboard is at /');
  });

  it('says the store could not be read instead of a stack trace', async () => {
    const { app: dashboard } = app(async () => {
      throw new Error('AccessDenied: no s3:ListBucket');
    });
    const response = await dashboard.request('/', local);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe(
      'the dashboard could not read the state store: AccessDenied: no s3:ListBucket\n',
    );
  });
});
