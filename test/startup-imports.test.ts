import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../src');
const HEAVY = [/^zod/, /^yaml/, /^@aws-sdk\//, /^@inquirer\//, /^ajv/];

/** Every module reachable from `entry` through static imports (dynamic `import()` is not followed). */
function staticClosure(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const source = readFileSync(file, 'utf8');
    const specifiers = [...source.matchAll(/^(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gm)].map(
      (m) => m[1]!,
    );
    seen.set(
      file,
      specifiers.filter((s) => !s.startsWith('.')),
    );
    for (const specifier of specifiers.filter((s) => s.startsWith('.'))) {
      visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return seen;
}

describe('CLI start-up', () => {
  it('loads no heavy dependency before a command runs (zod, yaml, the AWS SDK, prompts)', () => {
    const closure = staticClosure(join(SRC, 'cli/main.ts'));
    const heavy = [...closure].flatMap(([file, packages]) =>
      packages
        .filter((name) => HEAVY.some((pattern) => pattern.test(name)))
        .map((name) => `${file.slice(SRC.length + 1)} → ${name}`),
    );
    expect(heavy).toEqual([]);
    // The command table is data split by area (src/cli/table/): its modules import only each other.
    const table = [...closure.keys()].filter((file) => file.startsWith(join(SRC, 'cli/table/')));
    for (const file of table) expect(closure.get(file), file).toEqual([]);
    const beyondTable = [...closure.keys()].filter((file) => !table.includes(file));
    expect(beyondTable.length).toBeLessThan(15);
  });

  it('keeps the AWS SDK behind the client factory', () => {
    const offenders: string[] = [];
    const visit = (file: string) => {
      for (const [module, packages] of staticClosure(file)) {
        const insideFactory = module.includes('/providers/aws/');
        if (!insideFactory && packages.some((name) => name.startsWith('@aws-sdk/'))) offenders.push(module);
      }
    };
    visit(join(SRC, 'index.ts'));
    expect(offenders).toEqual([]);
  });
});
