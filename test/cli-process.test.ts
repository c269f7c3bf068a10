import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../bin/omnix.js');
const BAD = join(import.meta.dirname, 'fixtures/config/bad');

describe('the omnix binary', () => {
  it('ends quietly when the reader of its output goes away (omnix … | head)', async () => {
    const child = spawn(process.execPath, [BIN, 'config', 'schema'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Close our end before the child writes anything, so its first write meets a closed pipe.
    child.stdout.destroy();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });

  it('reports a bad configuration with its location and exit code 2, without a stack trace', () => {
    const run = spawnSync(process.execPath, [BIN, 'config', 'validate', 'development'], {
      cwd: join(BAD, 'unknown-nested-key'),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("config/deployment-config.yaml:7:3 frontend.bukcet: unknown key 'bukcet'");
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
