import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deploymentRecord as record, TEN_DAYS } from '../../../../test/helpers/deployment-records.js';
import type { DashboardData } from '../load.js';
import { type EnvironmentHistory, environmentMetrics } from '../metrics/environment-metrics.js';
import { renderPage } from './render-page.js';

const NOW = new Date('2026-03-11T10:00:00Z');
const LIBRARY = 'window.Chart = function Chart() {};';

function dataOf(
  histories: Array<Partial<EnvironmentHistory> & { environment: string }>,
  warnings: string[] = [],
): DashboardData {
  return {
    generatedAt: NOW.toISOString(),
    environments: histories.map((history) =>
      environmentMetrics(
        { deployments: [], releases: [], lock: null, deadIds: new Set(), commitTimes: new Map(), ...history },
        NOW,
      ),
    ),
    warnings,
  };
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const inlineScripts = (page: string) =>
  [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);

describe('the dashboard page', () => {
  it('escapes every value from the store: environment names, users, phase names, error messages', () => {
    const hostile = record({
      id: 'd-x',
      at: '2026-03-10T10:00:00Z',
      seconds: 3,
      status: 'failed',
      environment: '<b>env</b>',
      extra: {
        caller: { user: '"><img src=x onerror=alert(1)>', host: 'h', pid: 1 },
        errors: [{ code: 'Boom', message: '</script><script>alert(2)</script>' }],
        phases: [
          {
            name: '</script><script>alert(3)</script>',
            startedAt: '2026-03-10T10:00:00Z',
            durationMs: 5,
            outcome: 'ok',
          },
        ],
      },
    });
    const { html } = renderPage(
      dataOf([{ environment: '<b>env</b>', deployments: [hostile] }], ['<i>warned</i>']),
      LIBRARY,
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>env</b>');
    expect(html).not.toContain('<i>warned</i>');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;env&lt;/b&gt;');
    // The chart's JSON carries the phase name intact, with no "<" that could end its element.
    const json = /<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(json).not.toContain('<');
    expect(JSON.stringify(JSON.parse(json))).toContain('</script><script>alert(3)</script>');
  });

  it('allows by hash exactly the inline scripts and style it carries, and nothing from elsewhere', () => {
    const { html, csp } = renderPage(dataOf([{ environment: 'staging', deployments: TEN_DAYS }]), LIBRARY);
    const scripts = inlineScripts(html);
    expect(scripts).toHaveLength(2);
    expect(scripts[0]).toBe(LIBRARY);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/
      .exec(html)![1]!
      .replace(/&#39;/g, "'");
    for (const policy of [csp, meta]) {
      expect(policy).toContain(`script-src ${scripts.map(sha256).join(' ')};`);
      expect(policy).toContain(`style-src ${sha256(style)};`);
      expect(policy).toContain("default-src 'none'");
      expect(policy).not.toContain('unsafe');
    }
    expect(csp).toContain("frame-ancestors 'none'");
    expect(meta).not.toContain('frame-ancestors');
  });

  it('shows the numbers as text, marked for readers and tests', () => {
    const { html } = renderPage(dataOf([{ environment: 'staging', deployments: TEN_DAYS }]), LIBRARY);
    const metric = (name: string) => new RegExp(`data-metric="${name}">([^<]*)<`).exec(html)?.[1];
    expect(metric('change-failure-rate')).toBe('66.7 %');
    expect(metric('deployment-frequency-per-day')).toBe('0.2');
    expect(metric('deployment-frequency-per-week')).toBe('1.4');
    expect(metric('time-to-restore-median')).toBe('4 h 0 min');
    expect(metric('lead-time-median')).toBe('unknown');
    expect(metric('target-deployment-success-rate')).toBe('28.6 %');
    expect(metric('target-rollback-time')).toBe('1 min 0 s');
  });

  it('says there is no history yet on an empty store, with no script at all', () => {
    const { html, csp } = renderPage(
      dataOf([{ environment: 'staging' }, { environment: 'production' }]),
      LIBRARY,
    );
    expect(html).toContain('No deployment history yet');
    expect(html).toContain('No deployments of staging yet.');
    expect(html).not.toContain('<script');
    expect(csp).toContain("script-src 'none'");
  });
});
