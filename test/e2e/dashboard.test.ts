import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardData } from '../../src/actions/dashboard/index.js';
import { duration, percent, rate } from '../../src/actions/dashboard/page/format.js';
import type { DeploymentRecord } from '../../src/records/index.js';
import {
  chromiumAvailability,
  inspectPage,
  launchChromium,
  metricsShown,
  serveDashboard,
} from '../helpers/dashboard-browser.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { omnixProcess } from '../helpers/omnix-process.js';
import { testdir } from '../helpers/testdir.js';

const availability = chromiumAvailability(process.env);
/** Set to a folder (docs/images) to save the screenshots the docs show. */
const SCREENSHOTS = process.env.DASHBOARD_SCREENSHOTS;
const EXAMPLE = join(import.meta.dirname, '../../examples/webapp');

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'ada',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'ada',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
};

/** Commits the project as it is, dated `minutesAgo` before now; returns the commit's sha and time. */
function commit(project: string, message: string, minutesAgo: number): { sha: string; at: string } {
  const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const env = { ...process.env, ...GIT_IDENTITY, GIT_COMMITTER_DATE: at, GIT_AUTHOR_DATE: at };
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', project, ...args], { env, encoding: 'utf8' }).trim();
  git('add', '-A', '--', '.', ':!.omnix');
  git('commit', '-q', '--allow-empty', '-m', message);
  return { sha: git('rev-parse', 'HEAD'), at };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

// slow: four deployments through the CLI, then the page in a real browser.
describe.skipIf(availability === 'missing')(
  'the dashboard in headless Chromium (skipped outside CI when /usr/bin/chromium is missing)',
  () => {
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    beforeAll(async () => {
      if (availability === 'required-but-missing')
        throw new Error(
          'CI is set but /usr/bin/chromium is missing: .ci/run installs Debian’s chromium package',
        );
      browser = await launchChromium();
    });
    afterAll(async () => browser?.close());

    it('shows the store’s numbers and draws its charts, served and as a file, with no console error', {
      timeout: 300_000,
    }, async () => {
      // given: a project in git, deployed four times through the CLI: v1, a release whose /health fails
      // (rolled back), v2, and a manual rollback to v1.
      const fixture = await deployFixture();
      const { project } = fixture;
      execFileSync('git', ['-C', project, 'init', '-q']);
      const handler = join(project, 'backend/api/index.mjs');
      const source = await readFile(handler, 'utf8');
      const commits: Record<string, string> = {};
      const deploy = async (
        message: string,
        minutesAgo: number,
        args = ['deploy', 'development', '--yes'],
      ) => {
        const made = commit(project, message, minutesAgo);
        commits[made.sha] = made.at;
        const env = fixture.processEnv({
          GITHUB_ACTIONS: 'true',
          GITHUB_SHA: made.sha,
          GITHUB_ACTOR: 'ada',
          OMNIX__HEALTH__RETRIES: '1',
          OMNIX__HEALTH__RETRY_INTERVAL: '50ms',
          OMNIX__AGENT__MIN_HISTORY: '2',
        });
        return omnixProcess(args, project, env);
      };
      expect((await deploy('v1', 90)).code).toBe(0);
      await writeFile(
        handler,
        source
          .replace("const VERSION = '1.0.0'", "const VERSION = '2.0.0'")
          .replace("return json(200, { status: 'ok'", "return json(500, { status: 'broken'"),
      );
      const broken = await deploy('broken health', 60);
      expect(broken.code, broken.stderr).toBe(1);
      await writeFile(handler, source.replace("const VERSION = '1.0.0'", "const VERSION = '3.0.0'"));
      expect((await deploy('v2', 30)).code).toBe(0);
      expect((await deploy('rollback', 0, ['rollback', 'development', '--yes'])).code).toBe(0);

      // What the store holds, counted here from the records themselves.
      const records: DeploymentRecord[] = await fixture.store.listDeployments('development', { limit: 100 });
      expect(records.map((record) => record.status).sort()).toEqual([
        'rolled_back',
        'succeeded',
        'succeeded',
        'succeeded',
      ]);
      const deliveries = records.filter(
        (record) => record.rollbackTo === undefined && record.changes.length > 0,
      );
      const delivered = deliveries.filter((record) => record.status === 'succeeded');
      const leadTimes = delivered.map(
        (record) => Date.parse(record.finishedAt!) - Date.parse(commits[record.caller.ci!.commit!]!),
      );
      const rollbackTimes = records.flatMap((record) =>
        record.rollback
          ? [record.rollback.durationMs]
          : record.rollbackTo !== undefined
            ? [Date.parse(record.finishedAt!) - Date.parse(record.startedAt)]
            : [],
      );
      const expected = {
        deliveries: String(delivered.length),
        changes: String(deliveries.length),
        'change-failures': '1',
        'change-failure-rate': percent(1 / deliveries.length),
        'lead-time-median': duration(median(leadTimes)),
        'restores-open': '0',
        'target-deployment-success-rate': percent(delivered.length / deliveries.length),
        'target-rollback-time': duration(Math.max(...rollbackTimes)),
        'open-interruptions': 'No interrupted deployment waits for recovery.',
        lock: 'Not locked.',
      };
      expect(expected).toMatchObject({ deliveries: '2', changes: '3', 'change-failure-rate': '33.3 %' });

      const env = fixture.processEnv();
      const json = await omnixProcess(['dashboard', '--json'], project, env);
      expect(json.code, json.stderr).toBe(0);
      const data = JSON.parse(json.stdout) as DashboardData;
      const development = data.environments.find((metrics) => metrics.environment === 'development')!;
      expect(development.dora.leadTime.count).toBe(2);
      const frequency = rate(development.dora.deploymentFrequency.perDay);
      const risk = development.risk.byLevel;

      // when: the served page and the --out file are opened in Chromium
      const served = await serveDashboard(project, env);
      const out = join(project, 'report.html');
      const written = await omnixProcess(['dashboard', '--out', out], project, env);
      expect(written.code, written.stderr).toBe(0);
      try {
        for (const url of [served.url, pathToFileURL(out).href]) {
          const { page, report } = await inspectPage(browser.context, url, true);
          // then: no console error, every chart drawn on a canvas of some size with ink on it
          expect(report.errors, url).toEqual([]);
          expect(report.canvases.length).toBeGreaterThanOrEqual(4);
          expect(report.chartsDrawn).toBe(report.canvases.length);
          for (const canvas of report.canvases) {
            expect(canvas.width, canvas.id).toBeGreaterThan(100);
            expect(canvas.height, canvas.id).toBeGreaterThan(100);
            expect(canvas.inked, canvas.id).toBeGreaterThan(500);
          }
          // and the numbers are the store's
          const shown = await metricsShown(page, 'development');
          expect(shown).toMatchObject(expected);
          expect(shown['deployment-frequency-per-day']).toBe(frequency);
          for (const level of risk)
            expect(shown[`risk-failure-rate-${level.level}`]).toBe(percent(level.failureRate));
          expect(await metricsShown(page, 'staging')).toMatchObject({ lock: 'Not locked.' });
          if (SCREENSHOTS && url === served.url)
            await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-history.png'), fullPage: true });
          await page.close();
        }
      } finally {
        expect(await served.stop()).toBe(0);
      }

      // Records that are not deployment records, or not JSON, are skipped with a warning; the rest still count.
      const badRecords = join(project, '.omnix/state/development/deployments');
      await writeFile(
        join(badRecords, 'd-20200101T000000000Z-bad000.json'),
        JSON.stringify({ id: 'd-20200101T000000000Z-bad000', environment: 'development' }),
      );
      await writeFile(join(badRecords, 'd-20200102T000000000Z-bad001.json'), '{"id": "cut sh');
      const again = await omnixProcess(['dashboard', '--json', '--environment', 'development'], project, env);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toMatch(
        /warning: skipped deployment record d-20200101T000000000Z-bad000 of development: /,
      );
      expect(again.stderr).toMatch(
        /warning: skipped deployment record d-20200102T000000000Z-bad001 of development: not JSON/,
      );
      expect((JSON.parse(again.stdout) as DashboardData).environments[0]!.deployments).toBe(4);
    });

    it('says there is no history yet on an empty store, with no console error', async () => {
      const project = await testdir({});
      cpSync(join(EXAMPLE, 'config'), join(project, 'config'), { recursive: true });
      const served = await serveDashboard(project, {
        PATH: process.env.PATH ?? '',
        HOME: project,
        CI: 'true',
      });
      try {
        const { page, report } = await inspectPage(browser.context, served.url, false);
        expect(report).toEqual({ errors: [], chartsDrawn: 0, canvases: [] });
        expect(await page.textContent('[data-empty]')).toContain('No deployment history yet');
        if (SCREENSHOTS)
          await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-empty.png'), fullPage: true });
        await page.close();
      } finally {
        expect(await served.stop()).toBe(0);
      }
    });
  },
);
