import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers/testdir.js';
import type { CliIo } from '../io.js';
import { escapeData, escapeProperty, githubActions } from './github-actions.js';
import { fenced } from './github-summary.js';

function io(env: Record<string, string>, cwd = '/work/repo/app'): CliIo & { err: () => string } {
  let stderr = '';
  return {
    stdout: { write: () => true },
    stderr: { write: (text: string) => (stderr += text) },
    stdinIsTTY: false,
    env,
    cwd,
    ask: async () => '',
    err: () => stderr,
  };
}

describe('GitHub Actions workflow commands', () => {
  it('escape messages and properties as GitHub documents', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('config/a:b,c%\n')).toBe('config/a%3Ab%2Cc%25%0A');
  });

  it('are written only on a runner, to standard error', () => {
    expect(githubActions(io({}))).toBeUndefined();
    expect(githubActions(io({ GITHUB_ACTIONS: 'false' }))).toBeUndefined();
    const runner = io({ GITHUB_ACTIONS: 'true' });
    githubActions(runner)!.annotate('error', 'line one\nline two: 100%', {
      file: 'config/x.yaml',
      line: 3,
      col: 7,
      title: 'omnix: bad, very',
    });
    expect(runner.err()).toBe(
      '::error file=config/x.yaml,line=3,col=7,title=omnix%3A bad%2C very::line one%0Aline two: 100%25\n',
    );
  });

  it('cannot be forged by text that holds a newline and a command of its own', () => {
    const runner = io({ GITHUB_ACTIONS: 'true' });
    githubActions(runner)!.annotate('warning', 'oops\n::add-mask::nothing\n::error::forged');
    expect(runner.err().split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('mask a secret, and each line of one that spans lines', () => {
    const runner = io({ GITHUB_ACTIONS: 'true' });
    githubActions(runner)!.mask('first-line\nsecond-line');
    expect(runner.err()).toBe(
      '::add-mask::first-line%0Asecond-line\n::add-mask::first-line\n::add-mask::second-line\n',
    );
  });

  it('name configuration files relative to the workspace, and nothing for sources that are no file', () => {
    const github = githubActions(io({ GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: '/work/repo' }))!;
    expect(github.file('config/environments/staging.yaml')).toBe('app/config/environments/staging.yaml');
    expect(github.file('/elsewhere/config/deployment-config.yaml')).toBe(
      '/elsewhere/config/deployment-config.yaml',
    );
    expect(github.file('OMNIX__ROLLOUT__STRATEGY')).toBeUndefined();
    expect(github.file('default')).toBeUndefined();
  });
});

describe('GitHub Actions files', () => {
  it('take outputs in the multiline form, with a delimiter no value holds', async () => {
    const dir = await testdir({ output: '' });
    const output = join(dir, 'output');
    const github = githubActions(io({ GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: output }))!;
    await github.outputs({
      siteUrl: 'https://d1.cloudfront.net',
      apiUrl: undefined,
      release: '3',
      'bad name': 'x',
    });
    await github.outputs({ note: 'two\nlines' });
    const text = await readFile(output, 'utf8');
    const entries = [...text.matchAll(/^([\w-]+)<<(ghadelimiter_[0-9a-f-]{36})\n([\s\S]*?)\n\2\n/gm)].map(
      (match) => [match[1], match[3]],
    );
    expect(entries).toEqual([
      ['siteUrl', 'https://d1.cloudfront.net'],
      ['release', '3'],
      ['note', 'two\nlines'],
    ]);
    expect(text).not.toContain('bad name');
  });

  it('append to the job summary, and write nothing without a summary file', async () => {
    const dir = await testdir({ summary: '# before\n' });
    const summary = join(dir, 'summary');
    await githubActions(io({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary }))!.summary('### Plan');
    expect(await readFile(summary, 'utf8')).toBe('# before\n### Plan\n\n');
    await githubActions(io({ GITHUB_ACTIONS: 'true' }))!.summary('### nowhere');
  });

  it('warn instead of failing the command when a file cannot be written', async () => {
    const dir = await testdir({});
    const runner = io({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: join(dir, 'missing/summary') });
    await githubActions(runner)!.summary('### Plan');
    expect(runner.err()).toMatch(/^::warning title=omnix::could not write \$GITHUB_STEP_SUMMARY: ENOENT/);
  });

  it('fence text so that no line of it ends the block', () => {
    expect(fenced('a ``` b')).toBe('````text\na ``` b\n````');
    expect(fenced('plain')).toBe('```text\nplain\n```');
  });
});
