import { environmentIn, environmentOfBranch, environmentOfWord, guess } from './environments.js';
import {
  type LogicalLine,
  logicalLines,
  shellWords,
  simpleCommands,
  stripComment,
  substitutions,
  type Token,
} from './shell-lex.js';
import type { EnvironmentGuess, Fact } from './types.js';

interface Block {
  kind: 'if' | 'case' | 'function' | 'loop';
  env?: EnvironmentGuess;
  /** For `case`: the word being matched, to say why. */
  subject?: string;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]{0,80})\+?=([\s\S]*)$/;
const DECLARE = new Set(['export', 'local', 'declare', 'readonly', 'typeset']);
const BRANCH_VARIABLE =
  /^\$\{(BRANCH|BRANCH_NAME|GIT_BRANCH|GITHUB_REF|GITHUB_REF_NAME|CI_COMMIT_BRANCH|CI_COMMIT_REF_NAME|BITBUCKET_BRANCH|CIRCLE_BRANCH|TRAVIS_BRANCH|CODEBUILD_WEBHOOK_HEAD_REF)\}$/i;

/** `${ENV}` as people write it: `$ENV`. */
function shown(reference: string): string {
  return reference.replace(/^\$\{([^}:]*)(:-[^}]*)?\}$/, '$$$1');
}

/** The environment a comparison in an `if` condition selects (`[ "$ENV" = "prod" ]`), if any. */
export function environmentOfCondition(words: string[]): EnvironmentGuess | undefined {
  for (let i = 1; i + 1 < words.length; i++) {
    if (!['=', '==', '=~'].includes(words[i]!)) continue;
    const [left, right] = [words[i - 1]!, words[i + 1]!];
    const [variable, literal] = left.startsWith('${') ? [left, right] : [right, left];
    if (!variable.startsWith('${') || literal.includes('${')) continue;
    const value = literal.replace(/[*^$]/g, '');
    const env = BRANCH_VARIABLE.test(variable) ? environmentOfBranch(value) : environmentOfWord(value);
    if (env) return guess(env, `branch on ${shown(variable)} = "${value}"`);
  }
  return undefined;
}

function environmentOfPattern(pattern: string, subject: string | undefined): EnvironmentGuess | undefined {
  const alternatives = pattern.split('|').map((part) => part.trim().replace(/^["']|["']$/g, ''));
  const branch = subject !== undefined && BRANCH_VARIABLE.test(subject);
  const envs = new Set(
    alternatives.map((part) =>
      branch ? environmentOfBranch(part) : environmentOfWord(part.replace(/\*/g, '')),
    ),
  );
  const [env] = [...envs];
  if (envs.size !== 1 || env === undefined) return undefined;
  return guess(env, `case ${subject ? shown(subject) : ''} ${pattern.trim()})`);
}

function current(stack: Block[], base: EnvironmentGuess | undefined): EnvironmentGuess | undefined {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.env) return stack[i]!.env;
  return base;
}

/** Facts of one simple command: its leading assignments and, when there is one, the command. */
function commandFacts(tokens: Token[], env: EnvironmentGuess | undefined, facts: Fact[]): void {
  let index = 0;
  while (index < tokens.length && DECLARE.has(tokens[index]!.text)) {
    index++;
    // `declare -rx NAME=value`, `export -n NAME`: the flags come before the names.
    while (index < tokens.length && /^-[a-zA-Z]+$/.test(tokens[index]!.text)) index++;
  }
  while (index < tokens.length) {
    const match = ASSIGNMENT.exec(tokens[index]!.text);
    if (!match) break;
    const value = match[2]!.replace(/^\((.*)\)$/, '$1');
    facts.push({
      type: 'assign',
      name: match[1]!,
      value,
      line: tokens[index]!.line,
      ...(env ? { env } : {}),
    });
    index++;
  }
  const words = tokens.slice(index).map(({ text, line }) => ({ text, line }));
  if (words.length > 0) facts.push({ type: 'command', words, line: words[0]!.line, ...(env ? { env } : {}) });
}

/**
 * Reads shell text into facts, following `if`/`case` branches on the environment and functions
 * named for one (`deploy_prod() {`). `firstLine` places embedded scripts (CI steps) in their file;
 * `depth` counts `$(...)` levels already entered.
 */
export function extractShell(source: string, firstLine = 1, base?: EnvironmentGuess, depth = 0): Fact[] {
  const facts: Fact[] = [];
  const stack: Block[] = [];
  let expectPattern = false;
  for (const logical of logicalLines(source, firstLine)) {
    if (logical.heredoc) {
      facts.push({ type: 'text', text: logical.text, line: logical.line, ...envOf(stack, base) });
      continue;
    }
    const stripped: LogicalLine = { ...logical, text: stripComment(logical.text) };
    const fn = FUNCTION_START.exec(stripped.text);
    if (fn) {
      const name = fn[1] ?? fn[2]!;
      const env = environmentIn(name);
      stack.push({ kind: 'function', ...(env ? { env: guess(env, `shell function ${name}()`) } : {}) });
      continue;
    }
    let tokens = shellWords(stripped);
    // Nested substitutions are read a few levels deep: deeper is no script anyone writes.
    if (depth < 3)
      for (const inner of substitutions(stripped.text))
        facts.push(...extractShell(inner, logical.line, current(stack, base), depth + 1));
    const top = stack.at(-1);
    if (top?.kind === 'case' && tokens.length > 0 && !['esac'].includes(tokens[0]!.text)) {
      const close = tokens.findIndex((token) => token.operator && token.text === ')');
      if (expectPattern && close > 0) {
        const pattern = stripped.text.slice(tokens[0]!.offset, tokens[close]!.offset).replace(/^\(/, '');
        top.env = environmentOfPattern(pattern, top.subject);
        tokens = tokens.slice(close + 1);
        expectPattern = false;
      }
    }
    for (const command of splitStatements(tokens)) {
      const [first] = command;
      if (!first) continue;
      const word = first.text;
      if (word === 'if' || word === 'elif') {
        const texts = command
          .map((token) => token.text)
          .filter((text) => !['[', ']', '[[', ']]'].includes(text));
        const env = environmentOfCondition(texts.slice(1));
        if (word === 'if') stack.push({ kind: 'if', ...(env ? { env } : {}) });
        else if (stack.at(-1)?.kind === 'if') stack.at(-1)!.env = env;
        continue;
      }
      if (word === 'else') {
        if (stack.at(-1)?.kind === 'if') delete stack.at(-1)!.env;
        continue;
      }
      if (word === 'fi' || word === 'esac' || word === 'done') {
        stack.pop();
        if (word === 'esac') expectPattern = stack.at(-1)?.kind === 'case';
        continue;
      }
      if (word === 'case') {
        stack.push({ kind: 'case', subject: command[1]?.text ?? '' });
        expectPattern = true;
        continue;
      }
      if (word === ';;') continue;
      if (['while', 'for', 'until', 'select'].includes(word)) {
        stack.push({ kind: 'loop' });
        continue;
      }
      if (word === 'then' || word === 'do') {
        commandFacts(command.slice(1), current(stack, base), facts);
        continue;
      }
      if (word === '}' && stack.at(-1)?.kind === 'function') {
        stack.pop();
        continue;
      }
      commandFacts(command, current(stack, base), facts);
    }
    if (stack.at(-1)?.kind === 'case' && tokens.some((token) => token.text === ';;')) {
      delete stack.at(-1)!.env;
      expectPattern = true;
    }
  }
  return facts;
}

function envOf(stack: Block[], base: EnvironmentGuess | undefined): { env?: EnvironmentGuess } {
  const env = current(stack, base);
  return env ? { env } : {};
}

const FUNCTION_START =
  /^\s*(?:function\s+)?([A-Za-z_][\w:.-]{0,80})\s*\(\s*\)\s*\{?\s*$|^\s*function\s+([A-Za-z_][\w:.-]{0,80})\s*\{?\s*$/;

/** Commands of a line, with `;;` kept as its own statement so a case clause can end mid-line. */
function splitStatements(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  for (const token of tokens) {
    if (token.operator && token.text === ';;') {
      out.push(...simpleCommands(current), [{ ...token, operator: false }]);
      current = [];
    } else current.push(token);
  }
  out.push(...simpleCommands(current));
  return out;
}
