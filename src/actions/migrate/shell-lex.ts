import type { Word } from './types.js';

/** One logical shell line: backslash-continued lines joined, with the line each character came from. */
export interface LogicalLine {
  text: string;
  line: number;
  /** Line of the character at `offset` in `text`. */
  lineAt(offset: number): number;
  /** True for the body of a here-document: data, not commands. */
  heredoc: boolean;
}

const HEREDOC = /<<-?[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]{0,40})\1/;

/** Splits a script into logical lines; `firstLine` is the number of its first line in the file. */
export function logicalLines(source: string, firstLine = 1): LogicalLine[] {
  const raw = source.split(/\r?\n/);
  const out: LogicalLine[] = [];
  let heredocEnd: string | undefined;
  for (let index = 0; index < raw.length; index++) {
    const start = firstLine + index;
    if (heredocEnd !== undefined) {
      const body = raw[index]!;
      if (body.trim() === heredocEnd) heredocEnd = undefined;
      else out.push({ text: body, line: start, lineAt: () => start, heredoc: true });
      continue;
    }
    let text = raw[index]!;
    const breaks: number[] = [];
    while (/(^|[^\\])\\$/.test(text) && index + 1 < raw.length && text.length < 16_384) {
      breaks.push(text.length - 1);
      text = `${text.slice(0, -1)} ${raw[++index]!}`;
    }
    const lineAt = (offset: number) => start + breaks.filter((at) => at < offset).length;
    out.push({ text, line: start, lineAt, heredoc: false });
    const heredoc = HEREDOC.exec(stripComment(text));
    if (heredoc) heredocEnd = heredoc[2];
  }
  return out;
}

/** `text` without a trailing `# comment` (a `#` that starts a word outside quotes). */
export function stripComment(text: string): string {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = '';
    } else if (char === '\\') i++;
    else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /[\s;&|(]/.test(text[i - 1]!))) return text.slice(0, i);
  }
  return text;
}

/** A shell word or an operator (`;`, `&&`, `||`, `|`, `&`, `;;`). */
export interface Token extends Word {
  operator?: boolean;
  /** Character offset in the logical line. */
  offset: number;
}

const OPERATORS = [';;', '&&', '||', ';', '|', '&', '(', ')'];

/** The end index (exclusive) of `$(...)` or `${...}` starting at `open` (the `(` or `{`). */
function closing(text: string, open: number, left: string, right: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === left) depth++;
    else if (text[i] === right && --depth === 0) return i + 1;
  }
  return text.length;
}

/** `${NAME:-default}` / `${NAME-default}` / `${NAME:=default}` → `${NAME:-default}`; `${#X}` and others → `${X}`. */
function normalizeBraced(inner: string): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]{0,80}|\d)(?::?[-=]((?:[^}]){0,200}))?/.exec(inner);
  if (!match) return '${CMD}';
  const fallback = match[2]?.replace(/^["']|["']$/g, '');
  return fallback !== undefined && fallback !== '' && !fallback.includes('$')
    ? `\${${match[1]}:-${fallback}}`
    : `\${${match[1]}}`;
}

/** Reads a `$...` expansion at `i`; returns the normalized text and the index after it. */
function expansion(text: string, i: number): [string, number] {
  const next = text[i + 1];
  if (next === '{') {
    const end = closing(text, i + 1, '{', '}');
    return [normalizeBraced(text.slice(i + 2, end - 1)), end];
  }
  if (next === '(') return ['${CMD}', closing(text, i + 1, '(', ')')];
  const name = /^[A-Za-z_][A-Za-z0-9_]{0,80}|^[0-9@*#?$!-]/.exec(text.slice(i + 1, i + 82));
  if (!name) return ['$', i + 1];
  return [`\${${name[0]}}`, i + 1 + name[0].length];
}

/**
 * Splits one logical line into words (quotes removed, expansions normalized to `${NAME}`) and
 * operators. Linear: every character is read once.
 */
export function shellWords(line: LogicalLine, from = 0): Token[] {
  const { text } = line;
  const tokens: Token[] = [];
  let word = '';
  let start = -1;
  const flush = () => {
    if (start >= 0) tokens.push({ text: word, line: line.lineAt(start), offset: start });
    word = '';
    start = -1;
  };
  let i = from;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      flush();
      i++;
      continue;
    }
    const operator = OPERATORS.find((op) => text.startsWith(op, i));
    if (operator && !(operator === '(' && start >= 0)) {
      flush();
      tokens.push({ text: operator, line: line.lineAt(i), offset: i, operator: true });
      i += operator.length;
      continue;
    }
    if (start < 0) start = i;
    if (char === "'") {
      const end = text.indexOf("'", i + 1);
      word += text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end + 1;
    } else if (char === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) {
          word += text[i + 1];
          i += 2;
        } else if (text[i] === '$') {
          const [normalized, next] = expansion(text, i);
          word += normalized;
          i = next;
        } else word += text[i++];
      }
      i++;
    } else if (char === '`') {
      const end = text.indexOf('`', i + 1);
      word += '${CMD}';
      i = end < 0 ? text.length : end + 1;
    } else if (char === '$') {
      const [normalized, next] = expansion(text, i);
      word += normalized;
      i = next;
    } else if (char === '\\') {
      word += text[i + 1] ?? '';
      i += 2;
    } else {
      word += char;
      i++;
    }
  }
  flush();
  return tokens;
}

/** Splits tokens into simple commands at operators. */
export function simpleCommands(tokens: Token[]): Token[][] {
  const commands: Token[][] = [];
  let current: Token[] = [];
  for (const token of tokens) {
    if (token.operator) {
      if (current.length > 0) commands.push(current);
      current = [];
    } else current.push(token);
  }
  if (current.length > 0) commands.push(current);
  return commands;
}

/** The commands inside `$(...)` and backticks of a line: they run too (`VERSION=$(aws lambda publish-version ...)`). */
export function substitutions(text: string): string[] {
  const out: string[] = [];
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === "'" && quote !== '"') quote = quote === "'" ? '' : "'";
    else if (char === '"' && quote !== "'") quote = quote === '"' ? '' : '"';
    else if (quote !== "'" && char === '$' && text[i + 1] === '(' && text[i + 2] !== '(') {
      const end = closing(text, i + 1, '(', ')');
      out.push(text.slice(i + 2, end - 1));
      i = end - 1;
    } else if (quote !== "'" && char === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) break;
      out.push(text.slice(i + 1, end));
      i = end;
    }
  }
  return out;
}
