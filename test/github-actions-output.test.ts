import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { MINIMAL_MASTER, project, testdir, writeFiles } from './helpers/testdir.js';

/** A project inside a repository folder (the workspace), and the runner's summary and output files. */
async function onRunner(environments: Record<string, string>) {
  const workspace = await testdir({ summary: '', output: '' });
  const root = join(workspace, 'shop');
  await writeFiles(root, project(MINIMAL_MASTER, environments));
  const env = {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: join(workspace, 'summary'),
    GITHUB_OUTPUT: join(workspace, 'output'),
  };
  const read = async () => ({
    summary: await readFile(env.GITHUB_STEP_SUMMARY, 'utf8'),
    output: await readFile(env.GITHUB_OUTPUT, 'utf8'),
  });
  return { root, env, read };
}

const BAD_STAGING = 'rollout:\n  strategy: yolo\n';

describe('on GitHub Actions (GITHUB_ACTIONS=true)', () => {
  it('a configuration error is an annotation on its file, line and column, and a section of the summary', async () => {
    const { root, env, read } = await onRunner({ staging: BAD_STAGING });
    const run = await runCli(['deploy', 'staging', '--yes'], { cwd: root, env });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /^::error file=shop\/config\/environments\/staging\.yaml,line=2,col=13,title=omnix configuration::rollout\.strategy: expected one of: all-at-once, canary; found "yolo"/m,
    );
    const { summary } = await read();
    expect(summary).toContain('### ❌ omnix stopped: InvalidConfig');
    expect(summary).toContain('config/environments/staging.yaml:2:13 rollout.strategy: expected one of');
  });

  it('omnix config validate annotates its errors and warnings, and --json stays JSON on stdout', async () => {
    const { root, env } = await onRunner({ staging: BAD_STAGING, production: '' });
    const run = await runCli(['config', 'validate', '--json'], { cwd: root, env });
    expect(run.exitCode).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false });
    const commands = run.stderr.split('\n').filter((line) => line.startsWith('::'));
    expect(commands.sort()).toEqual([
      expect.stringMatching(
        /^::error file=shop\/config\/environments\/staging\.yaml,line=2,col=13,title=omnix configuration::rollout\.strategy: /,
      ),
      '::warning file=shop/config/deployment-config.yaml,line=1,col=1,title=omnix configuration::approvals.required: production deploys without approval — Set approvals.required: true for production.',
    ]);
  });

  it('any other error is an annotation titled with its code', async () => {
    const { root, env, read } = await onRunner({ staging: '' });
    const run = await runCli(['deploy', 'staging'], { cwd: root, env });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /^::error title=omnix%3A ConfirmationRequired::refusing to deploy staging without --yes when there is no terminal to confirm on — Run 'omnix deploy staging --yes' in CI/m,
    );
    expect((await read()).summary).toContain('### ❌ omnix stopped: ConfirmationRequired');
  });

  it('writes no workflow command, summary or output anywhere else', async () => {
    const { root, env, read } = await onRunner({ staging: BAD_STAGING });
    const run = await runCli(['deploy', 'staging', '--yes'], {
      cwd: root,
      env: { ...env, GITHUB_ACTIONS: '' },
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).not.toContain('::');
    expect(await read()).toEqual({ summary: '', output: '' });
  });
});
