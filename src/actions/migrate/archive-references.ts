import { environmentOfWord } from './environments.js';

/** A moved script and the omnix commands that replace it (one per environment, or none). */
export interface MovedScript {
  from: string;
  commands: string[];
}

/** One changed line of a file that refers to a moved script. */
export interface LineChange {
  line: number;
  before: string;
  after: string;
}

/** A reference that cannot be rewritten without a guess (a script for several environments, called without one). */
export interface ManualReference {
  file: string;
  line: number;
  script: string;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `npx omnix deploy production --only frontend` → [`deploy`, `production`, `--only`, `frontend`]. */
function commandWords(command: string): string[] {
  return command
    .split(/\s+/)
    .filter((word) => word !== '' && word !== 'npx' && word !== 'omnix' && word !== '--yes');
}

/** The command replacing a call with `args`: the one for the environment an argument names, or the only one. */
export function commandFor(script: MovedScript, args: string[]): string | undefined {
  const named = args.map((arg) => environmentOfWord(arg)).find(Boolean);
  const commands = script.commands.map(commandWords);
  if (named) {
    const exact = commands.find((words) => words[1] === named);
    if (exact) return exact.join(' ');
    const [first] = commands;
    if (first) return [first[0], named, ...first.slice(2)].join(' ');
    return undefined;
  }
  return commands.length === 1 ? commands[0]!.join(' ') : undefined;
}

/**
 * Rewrites the calls to moved scripts in one file's lines (package.json scripts, Makefile recipes,
 * CI steps) to the omnix commands. `prefix` is how that file runs omnix (`omnix`, `npx omnix`) and
 * `ci` adds `--yes` (no one answers prompts there).
 */
export function rewriteReferences(
  file: string,
  text: string,
  scripts: readonly MovedScript[],
  prefix: string,
  ci: boolean,
): { text: string; changes: LineChange[]; manual: ManualReference[] } {
  const lines = text.split('\n');
  const changes: LineChange[] = [];
  const manual: ManualReference[] = [];
  lines.forEach((original, index) => {
    if (original.length > 4096) return;
    let line = original;
    for (const script of scripts) {
      if (!line.includes(script.from.replace(/^.*\//, ''))) continue;
      const call = new RegExp(
        `(^|[\\s"'=;&|(])((?:(?:bash|sh|zsh|node|python3?|tsx|ts-node|npx[ \\t]+tsx|npx[ \\t]+ts-node)[ \\t]+)?(?:\\.\\/)?${escapeRegex(script.from)})((?:[ \\t]+[^\\s;&|'"\`)]+)*)`,
        'g',
      );
      line = line.replace(call, (whole, before: string, _target: string, rest: string) => {
        const command = commandFor(script, rest.trim().split(/\s+/).filter(Boolean));
        if (!command) {
          manual.push({ file, line: index + 1, script: script.from });
          return whole;
        }
        return `${before}${prefix} ${command}${ci && /^(deploy|rollback)\b/.test(command) ? ' --yes' : ''}`;
      });
    }
    if (line !== original) {
      changes.push({ line: index + 1, before: original, after: line });
      lines[index] = line;
    }
  });
  return { text: lines.join('\n'), changes, manual };
}
