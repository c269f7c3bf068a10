import { environmentIn, environmentOfWord, guess } from './environments.js';
import { extractShell } from './extract-shell.js';
import { normalizeReferences } from './references.js';
import type { EnvironmentGuess, Fact } from './types.js';

const ASSIGN =
  /^(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_.-]{0,80})\s*(::?=|:::=|\?=|\+=|!=|=)\s*(.*)$/;
const TARGET = /^([A-Za-z0-9_./%${}() -]{1,200}?)\s*::?(?!=)\s*(.*)$/;
const CONDITIONAL = /^(ifeq|ifneq)\s*[("']\s*([^,'"]{0,120}?)\s*[,'"]+\s*([^)'"]{0,120}?)\s*[)'"]/;

/** Reads a Makefile: variables, `ifeq` branches on the environment, and each recipe line as shell. */
export function extractMakefile(source: string): Fact[] {
  const facts: Fact[] = [];
  const conditions: Array<EnvironmentGuess | undefined> = [];
  let target: { names: string; env?: EnvironmentGuess } | undefined;
  const lines = source.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const start = index + 1;
    let text = lines[index]!;
    while (text.endsWith('\\') && index + 1 < lines.length && text.length < 16_384)
      text = `${text.slice(0, -1)} ${lines[++index]!.trimStart()}`;
    const env = [...conditions].reverse().find(Boolean) ?? target?.env;
    if (text.startsWith('\t') && target) {
      const recipe = normalizeReferences(text.slice(1).replace(/^[@+-]+/, ''), 'make');
      facts.push(...extractShell(recipe, start, env));
      continue;
    }
    const line = text.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    const conditional = CONDITIONAL.exec(line);
    if (conditional) {
      const [left, right] = [conditional[2]!, conditional[3]!];
      const literal = left.includes('$') ? right : left;
      const found = environmentOfWord(literal.trim());
      conditions.push(
        conditional[1] === 'ifeq' && found
          ? guess(found, `make ifeq on ${left.includes('$') ? left : right} = ${literal.trim()}`)
          : undefined,
      );
      continue;
    }
    if (/^(ifdef|ifndef)\b/.test(line)) {
      conditions.push(undefined);
      continue;
    }
    if (line === 'else' || line.startsWith('else ')) {
      if (conditions.length > 0) conditions[conditions.length - 1] = undefined;
      continue;
    }
    if (line === 'endif') {
      conditions.pop();
      continue;
    }
    const assign = ASSIGN.exec(line);
    if (assign && !line.includes(': ') && !/^[^=]*[^:]:[^=]/.test(line.split('=')[0]!)) {
      const value = assign[2] === '!=' ? '${CMD}' : normalizeReferences(assign[3]!.trim(), 'make');
      facts.push({ type: 'assign', name: assign[1]!, value, line: start, ...(env ? { env } : {}) });
      target = undefined;
      continue;
    }
    const targetLine = TARGET.exec(line);
    if (targetLine && !line.startsWith('.')) {
      const names = targetLine[1]!.trim();
      const found = environmentIn(names);
      target = { names, ...(found ? { env: guess(found, `make target ${names}`) } : {}) };
      const rest = targetLine[2]!;
      const specific = ASSIGN.exec(rest);
      if (specific && !rest.includes(';')) {
        const value = normalizeReferences(specific[3]!.trim(), 'make');
        const targetEnv = target.env ?? env;
        facts.push({
          type: 'assign',
          name: specific[1]!,
          value,
          line: start,
          ...(targetEnv ? { env: targetEnv } : {}),
        });
      } else if (rest.includes(';')) {
        facts.push(
          ...extractShell(
            normalizeReferences(rest.slice(rest.indexOf(';') + 1), 'make'),
            start,
            target.env ?? env,
          ),
        );
      }
      continue;
    }
    if (line.startsWith('.')) target = { names: line };
  }
  return facts;
}
