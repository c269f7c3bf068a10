import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DashboardData } from '../src/actions/dashboard/index.js';
import { FileStateStore } from '../src/state/file/file-store.js';
import { deploymentRecord } from './helpers/deployment-records.js';
import { runCli } from './helpers/run-cli.js';
import { MINIMAL_MASTER, project, testdir } from './helpers/testdir.js';

async function projectWith(records: number) {
  const root = await testdir(project(MINIMAL_MASTER, { staging: '', production: '' }));
  const store = new FileStateStore(join(root, '.omnix/state'));
  for (let day = 1; day <= records; day++)
    await store.putDeployment(
      deploymentRecord({
        id: `d-202603${String(day).padStart(2, '0')}T100000000Z-aaaaaa`,
        at: `2026-03-0${day}T10:00:00Z`,
        seconds: 30,
      }),
    );
  return root;
}

describe('omnix dashboard', () => {
  it('prints the metrics of every environment with --json, or of one with --environment', async () => {
    const root = await projectWith(2);
    const all = await runCli(['dashboard', '--json'], { cwd: root });
    expect(all.exitCode, all.stderr).toBe(0);
    const data = JSON.parse(all.stdout) as DashboardData;
    expect(data.environments.map((metrics) => [metrics.environment, metrics.deployments])).toEqual([
      ['production', 0],
      ['staging', 2],
    ]);
    const one = await runCli(['dashboard', '--json', '--environment', 'staging'], { cwd: root });
    expect(
      (JSON.parse(one.stdout) as DashboardData).environments.map((metrics) => metrics.environment),
    ).toEqual(['staging']);
  });

  it('writes one self-contained page with --out, saying there is no history on an empty store', async () => {
    const root = await projectWith(0);
    const run = await runCli(['dashboard', '--out', 'report.html'], { cwd: root });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toBe(`wrote the dashboard to ${join(root, 'report.html')}\n`);
    const page = await readFile(join(root, 'report.html'), 'utf8');
    expect(page).toContain('No deployment history yet');
    expect(page).not.toMatch(/<script|src=|href="http/);
  });

  it('refuses --port where nothing is served, and a port that is not one', async () => {
    const root = await projectWith(0);
    const withJson = await runCli(['--json', 'dashboard', '--port', '8080'], { cwd: root });
    expect(withJson.exitCode).toBe(2);
    expect(withJson.stdout).toContain('PortWithoutServer');
    const bad = await runCli(['dashboard', '--port', 'eighty'], { cwd: root });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("'eighty' is not a port number");
  });

  it('names an environment that does not exist', async () => {
    const root = await projectWith(0);
    const run = await runCli(['dashboard', '--json', '--environment', 'qa'], { cwd: root });
    expect(run.exitCode).toBe(2);
  });
});
