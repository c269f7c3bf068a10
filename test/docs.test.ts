import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS, type CommandSpec } from '../src/cli/table/index.js';
import { loadConfig } from '../src/config/load.js';
import { runCli } from './helpers/run-cli.js';
import { project, testdir } from './helpers/testdir.js';

const ROOT = join(import.meta.dirname, '..');
const EXAMPLE = join(ROOT, 'examples/webapp');
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

function codeBlocks(file: string, language: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\``, 'gm'))].map(
    (match) => match[1]!,
  );
}

/** Splits a shell line into leading VAR=value assignments and words, honouring quotes. */
function shellWords(line: string): { env: Record<string, string>; words: string[] } {
  const words = [...line.matchAll(/(?:[^\s'"]+|'[^']*'|"[^"]*")+/g)].map((match) =>
    match[0].replace(/'([^']*)'|"([^"]*)"/g, '$1$2'),
  );
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const [name, ...value] = words.shift()!.split('=');
    env[name!] = value.join('=');
  }
  return { env, words };
}

const documentedCommands = DOCS.flatMap((file) =>
  codeBlocks(file, 'sh').flatMap((block) =>
    block
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => /^([A-Z_]+=('[^']*'|"[^"]*"|\S+)\s+)*(npx )?(omnix|orchestrator)\b/.test(line))
      .map((line) => ({ file, line })),
  ),
);

/** Sandbox examples share one copy of the example project (start, status and stop must see the same state). */
let sandboxProject: string | undefined;
function sandboxProjectDir(): string {
  if (!sandboxProject) {
    sandboxProject = mkdtempSync(join(tmpdir(), 'omnix-docs-'));
    cpSync(join(EXAMPLE, 'config'), join(sandboxProject, 'config'), { recursive: true });
  }
  return sandboxProject;
}
afterAll(async () => {
  if (!sandboxProject) return;
  await runCli(['sandbox', 'stop'], { cwd: sandboxProject });
  rmSync(sandboxProject, { recursive: true, force: true });
});

describe('documented commands', () => {
  it('checks every omnix line of every shell example', () => {
    const mentioned =
      DOCS.flatMap((file) => codeBlocks(file, 'sh'))
        .join('\n')
        .match(/\b(omnix|orchestrator) /g) ?? [];
    expect(documentedCommands.length).toBe(mentioned.length);
  });

  it.each(documentedCommands)('$file: $line', async ({ line }) => {
    const { env, words } = shellWords(line.replace(/^npx /, ''));
    const [bin, ...args] = words as ['omnix' | 'orchestrator', ...string[]];
    const cwd =
      args[0] === 'init' ? await testdir({}) : args[0] === 'sandbox' ? sandboxProjectDir() : EXAMPLE;
    const run = await runCli(args, { cwd, env, bin });
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
  });

  it('every command that works is documented in docs/cli.md', () => {
    const cli = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');
    const names = (specs: CommandSpec[], prefix = ''): string[] =>
      specs.flatMap((spec) =>
        spec.subcommands ? names(spec.subcommands, `${prefix}${spec.name} `) : [`${prefix}${spec.name}`],
      );
    for (const name of names(COMMANDS)) expect(cli, name).toContain(`## \`omnix ${name}`);
  });
});

const yamlExamples = DOCS.flatMap((file) =>
  codeBlocks(file, 'yaml').map((text, index) => ({ file, index, text })),
);

describe('documented configuration examples', () => {
  it.each(yamlExamples)('$file example $index is a valid configuration', async ({ text }) => {
    const root = await testdir(project(text, { staging: '' }));
    const result = await loadConfig({ environment: 'staging', configDir: root, env: {}, cwd: root });
    expect(result.ok, JSON.stringify(!result.ok && result.errors, null, 2)).toBe(true);
  });
});
