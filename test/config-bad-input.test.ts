import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

interface BadCase {
  description: string;
  args: string[];
  env?: Record<string, string>;
  expect: { exitCode: number; location: string | null; message: string };
}

const FIXTURES = join(import.meta.dirname, 'fixtures/config/bad');
const cases = readdirSync(FIXTURES)
  .sort()
  .map((name) => ({
    name,
    dir: join(FIXTURES, name),
    spec: JSON.parse(readFileSync(join(FIXTURES, name, 'case.json'), 'utf8')) as BadCase,
  }));

describe('bad input', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(cases)('$name', ({ dir, spec }) => {
    it(`exits ${spec.expect.exitCode} with a located, readable message (${spec.description})`, async () => {
      const run = await runCli(spec.args, { cwd: dir, env: spec.env ?? {} });
      const output = run.stderr + run.stdout;
      expect(run.exitCode, output).toBe(spec.expect.exitCode);
      if (spec.expect.location) expect(output).toContain(spec.expect.location);
      expect(output).toMatch(new RegExp(spec.expect.message));
      expect(output, 'no stack trace without --debug').not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    });

    it('reports the same problem as JSON with --json', async () => {
      const run = await runCli([...spec.args, '--json'], { cwd: dir, env: spec.env ?? {} });
      expect(run.exitCode).toBe(spec.expect.exitCode);
      const report = JSON.parse(run.stdout) as { ok: boolean };
      expect(report.ok).toBe(false);
      expect(run.stdout).toMatch(new RegExp(spec.expect.message.replace(/"/g, '\\\\"')));
    });
  });
});
