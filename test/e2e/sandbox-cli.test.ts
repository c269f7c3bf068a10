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
    } finally {
      const stopped = omnix(project, 'sandbox', 'stop');
      expect(stopped.stdout).toContain(`stopped the sandbox at ${info.endpoint}`);
    }
    expect(JSON.parse(omnix(project, 'sandbox', 'status', '--json').stdout)).toEqual({ running: false });
    expect(existsSync(join(project, '.omnix/sandbox.json'))).toBe(false);
    expect(existsSync(join(project, '.omnix/sandbox/lambda/functions'))).toBe(true);
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
