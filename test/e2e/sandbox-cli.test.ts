import { spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '../helpers/testdir.js';

const BIN = join(import.meta.dirname, '../../bin/omnix.js');
const EXAMPLE = join(import.meta.dirname, '../../examples/webapp');

function omnix(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

// slow: starts real background processes.
describe('omnix sandbox start --detach / status / stop (the real binary)', () => {
  it('runs in the background, bootstrapped, until stopped', async () => {
    const project = await testdir({});
    cpSync(join(EXAMPLE, 'config'), join(project, 'config'), { recursive: true });
    const started = omnix(
      project,
      'sandbox',
      'start',
      '--detach',
      '--port',
      '0',
      '--bootstrap',
      'development',
      '--json',
    );
    expect(started.code, started.stderr).toBe(0);
    const info = JSON.parse(started.stdout) as {
      endpoint: string;
      pid: number;
      bootstrap: { apiUrl: string; siteUrl: string };
    };
    try {
      expect((await fetch(`${info.bootstrap.apiUrl}/health`)).status).toBe(503);
      const status = JSON.parse(omnix(project, 'sandbox', 'status', '--json').stdout) as {
        running: boolean;
        pid: number;
      };
      expect(status).toMatchObject({ running: true, pid: info.pid });
      const second = omnix(project, 'sandbox', 'start', '--detach', '--port', '0');
      expect(second.code).toBe(2);
      expect(second.stderr).toContain('a sandbox is already running for this project');

      // Issue 14, defect 2: an environment is added to the running sandbox, by either command.
      const staging = omnix(project, 'sandbox', 'start', '--detach', '--bootstrap', 'staging', '--json');
      expect(staging.code, staging.stderr).toBe(0);
      const added = JSON.parse(staging.stdout) as { endpoint: string; bootstrap: { created: string[] } };
      expect(added.endpoint).toBe(info.endpoint);
      expect(added.bootstrap.created).toContain('bucket omnix-shop-web-staging');
      const again = omnix(project, 'sandbox', 'bootstrap', 'staging');
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('bootstrapped staging: 0 created');
      expect(JSON.parse(omnix(project, 'sandbox', 'status', '--json').stdout)).toMatchObject({
        pid: info.pid,
      });
    } finally {
      const stopped = omnix(project, 'sandbox', 'stop');
      expect(stopped.stdout).toContain(`stopped the sandbox at ${info.endpoint}`);
    }
    // Issue 14, defect 10: no sandbox is a non-zero exit, as text and as JSON.
    const none = omnix(project, 'sandbox', 'status', '--json');
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout)).toEqual({ running: false });
    expect(omnix(project, 'sandbox', 'status').code).toBe(1);
    const nowhere = omnix(project, 'sandbox', 'bootstrap', 'staging');
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('no sandbox is running for this project');
    expect(existsSync(join(project, '.omnix/sandbox.json'))).toBe(false);
    expect(existsSync(join(project, '.omnix/sandbox/lambda/functions'))).toBe(true);
  }, 180_000);

  it('refuses a faults file that is not valid before starting anything (exit 2)', async () => {
    const project = await testdir({ 'faults.json': JSON.stringify({ rules: [{ service: 's3', rate: 7 }] }) });
    cpSync(join(EXAMPLE, 'config'), join(project, 'config'), { recursive: true });
    const started = omnix(project, 'sandbox', 'start', '--detach', '--port', '0', '--faults', 'faults.json');
    expect(started.code, started.stderr).toBe(2);
    expect(started.stderr).toContain('the faults file faults.json is not valid');
    expect(started.stderr).toContain('rules[0].rate must be a number from 0 to 1');
    expect(existsSync(join(project, '.omnix', 'sandbox.json'))).toBe(false);
  });

  it('says so when the port is taken', async () => {
    const project = await testdir({});
    const first = omnix(project, 'sandbox', 'start', '--detach', '--port', '0', '--json');
    const { port } = JSON.parse(first.stdout) as { port: number };
    const other = await testdir({});
    try {
      const clash = omnix(other, 'sandbox', 'start', '--detach', '--port', String(port));
      expect(clash.code).toBe(1);
      expect(clash.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      omnix(project, 'sandbox', 'stop');
    }
  });
});
