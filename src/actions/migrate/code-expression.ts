import type { CodeToken } from './code-lex.js';
import { environmentIn, environmentOfBranch, environmentOfWord, guess } from './environments.js';
import type { EnvironmentGuess } from './types.js';

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);
const STOP = new Set([',', ';', ')', ']', '}']);
const ENV_READ = /^(process\.env|import\.meta\.env|os\.environ|env|Deno\.env)$/;

export interface ExpressionValue {
  value: string;
  env?: EnvironmentGuess;
}

/** The index after the expression starting at `start`: the first stop at depth 0 or a new line (Python). */
export function expressionEnd(tokens: CodeToken[], start: number, lineBound: boolean): number {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (i > start && depth === 0 && lineBound && token.first) return i;
    if (token.type !== 'punct') continue;
    if (OPEN.has(token.text)) depth++;
    else if (CLOSE.has(token.text)) {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && STOP.has(token.text)) return i;
  }
  return tokens.length;
}

/** The environment a condition selects: `stage === 'prod'`, `isProduction`, `branch == 'main'`. */
export function environmentOfTokens(tokens: CodeToken[]): { env?: EnvironmentGuess; negated: boolean } {
  const negated = tokens.some((token) => token.text === '!==' || token.text === '!=');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'string') {
      const around = [tokens[i - 1]?.text, tokens[i + 1]?.text];
      if (!around.some((text) => text && ['===', '==', '!==', '!='].includes(text))) continue;
      const other = tokens[i - 2]?.text ?? tokens[i + 2]?.text ?? '';
      const env = /branch|ref/i.test(other) ? environmentOfBranch(token.text) : environmentOfWord(token.text);
      if (env) return { env: guess(env, `branch on ${other} == '${token.text}'`), negated };
    }
    if (
      token.type === 'ident' &&
      /^(is_?|IS_?)?(prod|production|staging|dev|development)$/i.test(token.text)
    ) {
      const env = environmentIn(token.text);
      if (env)
        return {
          env: guess(env, `branch on ${token.text}`),
          negated: negated || tokens[i - 1]?.text === '!',
        };
    }
  }
  return { negated };
}

/** The dotted name at `i` (`process.env.BUCKET`) and the index after it. */
function dotted(tokens: CodeToken[], i: number): [string, number] {
  let name = tokens[i]!.text;
  let j = i + 1;
  while (tokens[j]?.text === '.' || tokens[j]?.text === '?.') {
    const next = tokens[j + 1];
    if (next?.type !== 'ident') break;
    name += `.${next.text}`;
    j += 2;
  }
  return [name, j];
}

/** One operand: a string, a variable, or a read of the process environment. */
function operand(tokens: CodeToken[], i: number): [string | undefined, number] {
  const token = tokens[i];
  if (!token) return [undefined, i];
  if (token.type === 'string') return [token.text, i + 1];
  if (token.type !== 'ident') return [undefined, i + 1];
  const [name, after] = dotted(tokens, i);
  const read = /^(.*)\.([A-Za-z_]\w*)$/.exec(name);
  if (read && ENV_READ.test(read[1]!)) return [`\${${read[2]}}`, after];
  if (ENV_READ.test(name) || /^os\.(getenv|environ\.get)$/.test(name)) {
    const key = tokens[after]?.text === '[' || tokens[after]?.text === '(' ? tokens[after + 1] : undefined;
    if (key?.type === 'string') {
      const fallback = tokens[after + 2]?.text === ',' ? tokens[after + 3] : undefined;
      const end = expressionEnd(tokens, after + 1, false) + 1;
      return [fallback?.type === 'string' ? `\${${key.text}:-${fallback.text}}` : `\${${key.text}}`, end];
    }
  }
  return [`\${${name}}`, after];
}

/** Values an expression can take: strings, joined strings, `env.X || 'default'`, both arms of a ternary on the environment. */
export function expressionValues(tokens: CodeToken[]): ExpressionValue[] {
  const question = tokens.findIndex((token) => token.text === '?');
  const pythonIf = tokens.findIndex((token) => token.text === 'if');
  if (question > 0 || pythonIf > 0) {
    const colon = tokens.findIndex(
      (token, i) => i > question && token.text === (question > 0 ? ':' : 'else'),
    );
    if (colon < 0) return [];
    const [condition, yes, no] =
      question > 0
        ? [tokens.slice(0, question), tokens.slice(question + 1, colon), tokens.slice(colon + 1)]
        : [tokens.slice(pythonIf + 1, colon), tokens.slice(0, pythonIf), tokens.slice(colon + 1)];
    const { env, negated } = environmentOfTokens(condition);
    const arms: Array<[CodeToken[], EnvironmentGuess | undefined]> = [
      [yes, negated ? undefined : env],
      [no, negated ? env : undefined],
    ];
    return arms.flatMap(([arm, armEnv]) =>
      expressionValues(arm).map((value) => ({ ...value, ...(armEnv && !value.env ? { env: armEnv } : {}) })),
    );
  }
  let value = '';
  let i = 0;
  while (i < tokens.length) {
    const [text, next] = operand(tokens, i);
    if (text === undefined) return [];
    const operator = tokens[next]?.text;
    if (operator === '||' || operator === '??' || operator === 'or') {
      // `env.A || env.B || 'default'`: the literal at the end of the chain is the value when none is set.
      let at = next;
      let fallback: string | undefined;
      while (['||', '??', 'or'].includes(tokens[at]?.text ?? '')) [fallback, at] = operand(tokens, at + 1);
      const reference = /^\$\{([^}:]+)\}$/.exec(text);
      if (reference && fallback !== undefined && !fallback.includes('${'))
        return [{ value: `${value}\${${reference[1]}:-${fallback}}` }];
      return [{ value: value + text }];
    }
    value += text;
    if (next >= tokens.length) break;
    if (operator !== '+') return value === text ? [{ value }] : [];
    i = next + 1;
  }
  return value === '' ? [] : [{ value }];
}
