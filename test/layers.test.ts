import { execFile } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { testdir } from './helpers/testdir.js';

const ROOT = join(import.meta.dirname, '..');
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise');

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

  it('keep the sandbox apart: it imports nothing of the product but core', async () => {
    expect(
      await brokenRules({
        'src/config/load.ts': 'export const load = 1;\n',
        'src/sandbox/server.ts': "import { load } from '../config/load.js';\nexport const x = load;\n",
      }),
    ).toEqual(['sandbox-is-a-separate-application']);
  });
});
