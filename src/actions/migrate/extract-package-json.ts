import { environmentIn, guess } from './environments.js';
import { extractShell } from './extract-shell.js';
import type { Fact } from './types.js';

/** The 1-based line of the first `"key":` at or after `from`. */
function lineOfKey(lines: string[], key: string, from: number): number {
  const quoted = JSON.stringify(key);
  for (let index = from; index < lines.length; index++)
    if (lines[index]!.includes(`${quoted}:`) || lines[index]!.includes(`${quoted} :`)) return index + 1;
  return from + 1;
}

/** The `scripts` of a package.json, each read as shell under the environment its name gives. */
export function extractPackageJson(source: string): Fact[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    return [];
  }
  const scripts = (parsed as { scripts?: unknown }).scripts;
  if (typeof scripts !== 'object' || scripts === null) return [];
  const lines = source.split(/\r?\n/);
  const scriptsLine = lineOfKey(lines, 'scripts', 0);
  const facts: Fact[] = [];
  for (const [name, command] of Object.entries(scripts as Record<string, unknown>)) {
    if (typeof command !== 'string') continue;
    const env = environmentIn(name);
    facts.push(
      ...extractShell(
        command,
        lineOfKey(lines, name, scriptsLine - 1),
        env ? guess(env, `npm script ${name}`) : undefined,
      ),
    );
  }
  return facts;
}

/** The `name` of a package.json, if it has one. */
export function packageName(source: string): string | undefined {
  try {
    const name = (JSON.parse(source) as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}
