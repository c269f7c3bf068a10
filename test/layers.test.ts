import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { testdir } from './helpers/testdir.js';

const ROOT = join(import.meta.dirname, '..');
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise');

/** Imports a static analysis cannot follow, so the layer rules cannot judge them. */
const UNFOLLOWABLE = [
  [/\bimport\(\s*(?!['"]|`[^`$]*`)/, 'a computed import()'],
  [/createRequire\([^)]*\)\s*\(/, 'an inline require'],
  [/\brequire\(\s*(?!['"])/, 'a computed require()'],
  [/from\s+['"]omnix-deploy['"]|import\(\s*['"]omnix-deploy['"]/, 'the package by name'],
] as const;

/** Every .ts file under `dir`. */
async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Runs the project's layer rules over a small tree of files; the names of the rules broken. */
async function brokenRules(files: Record<string, string>): Promise<string[]> {
  const dir = await testdir({});
  await copyFile(join(ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext' } }));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  const run = await promisify(execFile)(
    DEPCRUISE,
    ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: dir },
  ).catch((error: { stdout: string }) => error);
  const result = JSON.parse(run.stdout) as { summary: { violations: Array<{ rule: { name: string } }> } };
  return [...new Set(result.summary.violations.map((violation) => violation.rule.name))].sort();
}

// issue 23: the layering is kept by a check in `npm test`, not by habit.
describe('the layer rules', () => {
  it('pass for imports that point down', async () => {
    expect(
      await brokenRules({
        'src/core/text.ts': 'export const a = 1;\n',
        'src/engine/run.ts': "import { a } from '../core/text.js';\nexport const b = a;\n",
        'src/actions/deploy/deploy.ts': "import { b } from '../../engine/run.js';\nexport const c = b;\n",
      }),
    ).toEqual([]);
  });

  it('name an import that points up, an import circle, and the AWS SDK outside providers', async () => {
    expect(
      await brokenRules({
        'src/core/up.ts': "import { b } from '../engine/run.js';\nexport const a = b;\n",
        'src/engine/run.ts': "import { a } from '../core/up.js';\nexport const b = 1;\nexport const d = a;\n",
        'src/validate/aws.ts': "import { S3Client } from '@aws-sdk/client-s3';\nexport const s = S3Client;\n",
      }),
    ).toEqual(['aws-sdk-only-in-providers', 'core-imports-only-below', 'no-circular']);
  });

  it('see every way of writing an import: dynamic, re-export, require, type-only', async () => {
    expect(
      await brokenRules({
        'src/cli/style.ts': 'export const s = 1;\n',
        'src/core/a.ts': "export const a = () => import('../cli/style.js');\n",
        'src/config/b.ts': "export * from '../cli/style.js';\n",
        'src/providers/c.ts':
          "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nexport const c = require('../cli/style.js');\n",
        'src/state/d.ts': "import type { s } from '../cli/style.js';\nexport type D = typeof s;\n",
      }),
    ).toEqual([
      'config-imports-only-below',
      'core-imports-only-below',
      'providers-imports-only-below',
      'state-imports-only-below',
    ]);
  });

  it('keep peers apart, the library API and unknown folders out, and records types only', async () => {
    expect(
      await brokenRules({
        'src/notifications/n.ts': 'export const n = 1;\n',
        'src/agent/a.ts': "import { n } from '../notifications/n.js';\nexport const a = n;\n",
        'src/index.ts': "export { n } from './notifications/n.js';\n",
        'src/engine/e.ts': "import { n } from '../index.js';\nexport const e = n;\n",
        'src/elsewhere/launder.ts': "import { a } from '../agent/a.js';\nexport const l = a;\n",
        'src/core/c.ts': "import { l } from '../elsewhere/launder.js';\nexport const c = l;\n",
        'src/records/r.ts': 'export const value = 1;\n',
        'src/health/h.ts': "import { value } from '../records/r.js';\nexport const h = value;\n",
      }),
    ).toEqual([
      'agent-imports-only-below',
      'every-folder-is-in-a-layer',
      'nothing-imports-an-unlayered-folder',
      'nothing-imports-the-library-api',
      'records-are-imported-as-types',
    ]);
  });

  it('keep the sandbox apart: it imports nothing of the product but core', async () => {
    expect(
      await brokenRules({
        'src/config/load.ts': 'export const load = 1;\n',
        'src/sandbox/server.ts': "import { load } from '../config/load.js';\nexport const x = load;\n",
      }),
    ).toEqual(['sandbox-is-a-separate-application']);
  });

  it('recognise the imports a static analysis cannot follow', () => {
    const caught = (text: string) => UNFOLLOWABLE.some(([pattern]) => pattern.test(text));
    expect(caught('await import(`../../${folder}/style.js`)')).toBe(true);
    expect(caught('await import(path)')).toBe(true);
    expect(caught("createRequire(import.meta.url)('../../cli/style.js')")).toBe(true);
    expect(caught("import { deploy } from 'omnix-deploy';")).toBe(true);
    expect(caught("await import('../cli/style.js')")).toBe(false);
    expect(caught('await import(`../cli/style.js`)')).toBe(false);
  });

  // What a static analysis cannot follow is refused here: an import whose target is computed.
  it('finds no import whose target is computed, no inline require, no import of the package by name', async () => {
    const allowed = new Set([
      // A user's health-check plugin, and a function's handler in the sandbox: modules outside omnix.
      'src/health/checks/plugin.ts',
      'src/sandbox/services/lambda/runtime-source.ts',
    ]);
    const found: string[] = [];
    for (const file of await sourceFiles(join(ROOT, 'src'))) {
      const path = file.slice(ROOT.length + 1);
      if (/\.(test|contract)\.ts$/.test(path) || allowed.has(path)) continue;
      const text = await readFile(file, 'utf8');
      for (const [pattern, what] of UNFOLLOWABLE) if (pattern.test(text)) found.push(`${path}: ${what}`);
    }
    expect(found).toEqual([]);
  });
});
