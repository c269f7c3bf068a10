import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { omnixProcess } from '../helpers/omnix-process.js';
import { testdir } from '../helpers/testdir.js';

const ROOT = join(import.meta.dirname, '../..');
const run = promisify(execFile);

// issue 31, item 13: the package a user installs is the one that is tested (slow: packs and installs it).
describe('the published package', () => {
  it('installed from its tarball into a fresh prefix, runs --help and the demo', async () => {
    const packed = await testdir({});
    // `npm test` has built dist/ already: packing does not build again.
    await run('npm', ['pack', '--ignore-scripts', '--pack-destination', packed], { cwd: ROOT });
    const [tarball] = (await readdir(packed)).filter((name) => name.endsWith('.tgz'));
    const prefix = await testdir({});
    await run(
      'npm',
      ['install', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(packed, tarball!)],
      { cwd: prefix, maxBuffer: 64 * 1024 * 1024 },
    );
    const installed = join(prefix, 'node_modules/omnix-deploy/bin/omnix.js');
    const cwd = await testdir({});
    const env = { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1', OMNIX__HEALTH__CHECKS: '[]' };

    const help = await omnixProcess(['--help'], cwd, env, undefined, installed);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('deploy [options] <env>');

    const demo = await omnixProcess(['demo'], cwd, env, undefined, installed);
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/deployed|release v1/);
  }, 400_000);
});
