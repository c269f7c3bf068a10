import { normalizeReferences } from './references.js';

export type Language = 'javascript' | 'python' | 'groovy';

export interface CodeToken {
  type: 'ident' | 'string' | 'punct' | 'number';
  /** For strings: the content, references normalized to `${NAME}`. */
  text: string;
  line: number;
  /** Column of the token; with `first`, Python's indentation. */
  column: number;
  /** First token on its line. */
  first: boolean;
  /** For strings: whether the literal interpolates (`${x}`, f'{x}', "$x"). */
  interpolated?: boolean;
}

const IDENT = /[A-Za-z_$][\w$]*/y;
const NUMBER = /\d[\w.]*/y;
const PUNCT = ['===', '!==', '=>', '==', '!=', '&&', '||', '??', '?.', '**', '::', '<=', '>='];

/**
 * Splits JavaScript/TypeScript, Python or Groovy into identifiers, strings and punctuation,
 * dropping comments. Linear: one pass, each string or comment ended by a plain search.
 */
export function codeTokens(source: string, language: Language): CodeToken[] {
  const tokens: CodeToken[] = [];
  let line = 1;
  let lineStart = 0;
  let first = true;
  let i = 0;
  const push = (token: Omit<CodeToken, 'first' | 'column'>, at: number) => {
    tokens.push({ ...token, column: at - lineStart, first });
    first = false;
  };
  const advanceLines = (from: number, to: number) => {
    for (let k = from; k < to; k++)
      if (source.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
  };
  while (i < source.length) {
    const char = source[i]!;
    if (char === '\n') {
      line++;
      lineStart = i + 1;
      first = true;
      i++;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r') {
      i++;
      continue;
    }
    const hashComment = language === 'python' && char === '#';
    if (hashComment || source.startsWith('//', i)) {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
      continue;
    }
    if (language !== 'python' && source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      advanceLines(i, stop);
      i = stop;
      continue;
    }
    const prefix = language === 'python' ? /[rRbBfFuU]{1,2}(?=['"])/y : undefined;
    let prefixText = '';
    if (prefix) {
      prefix.lastIndex = i;
      const match = prefix.exec(source);
      if (match) prefixText = match[0].toLowerCase();
    }
    const quoteAt = i + prefixText.length;
    const quote = source[quoteAt];
    if (quote === '"' || quote === "'" || (quote === '`' && language === 'javascript')) {
      const triple = language !== 'javascript' && source.startsWith(quote.repeat(3), quoteAt);
      const delimiter = triple ? quote.repeat(3) : quote;
      let end = quoteAt + delimiter.length;
      while (end < source.length && !source.startsWith(delimiter, end)) {
        if (source[end] === '\\') end++;
        else if (!triple && quote !== '`' && source[end] === '\n') break;
        end++;
      }
      const raw = source.slice(quoteAt + delimiter.length, Math.min(end, source.length));
      const startLine = line;
      advanceLines(quoteAt, end);
      const interpolated =
        quote === '`'
          ? raw.includes('${')
          : prefixText.includes('f') || (language === 'groovy' && quote === '"' && raw.includes('$'));
      let text = raw.replace(/\\(["'`\\$])/g, '$1');
      if (quote === '`') text = normalizeReferences(text, 'template-literal');
      else if (prefixText.includes('f')) text = normalizeReferences(text, 'python-format');
      else if (interpolated) text = normalizeReferences(text, 'shell');
      tokens.push({ type: 'string', text, line: startLine, column: i - lineStart, first, interpolated });
      first = false;
      i = Math.min(end + delimiter.length, source.length);
      continue;
    }
    IDENT.lastIndex = i;
    const ident = IDENT.exec(source);
    if (ident) {
      push({ type: 'ident', text: ident[0], line }, i);
      i += ident[0].length;
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(source);
    if (number) {
      push({ type: 'number', text: number[0], line }, i);
      i += number[0].length;
      continue;
    }
    const punct = PUNCT.find((candidate) => source.startsWith(candidate, i)) ?? char;
    push({ type: 'punct', text: punct, line }, i);
    i += punct.length;
  }
  return tokens;
}
