import { PatternError } from './terms.js';

/** A step into a JSON value: a property name or an array index. */
export type PathStep = string | number;

export type JsonCondition =
  | { kind: 'and' | 'or'; left: JsonCondition; right: JsonCondition }
  | { kind: 'compare'; path: PathStep[]; op: CompareOp; value: number | string }
  | { kind: 'is'; path: PathStep[]; test: 'NULL' | 'TRUE' | 'FALSE' | 'NOT EXISTS' };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const NAME = /^[A-Za-z0-9_@$-]+$/;

/**
 * Parses `{ <condition> }`: selectors `$.a.b[0]`, comparisons `= != < <= > >=` against a number, a quoted
 * string or a bare word (`*` a wildcard in strings), `IS NULL|TRUE|FALSE`, `NOT EXISTS`, `&&` (binds
 * tighter) and `||`, and parentheses. The pattern is at most 1024 characters; the parser never looks at
 * log text.
 */
export function parseJsonPattern(pattern: string): JsonCondition {
  const parser = new Parser(pattern.trim());
  parser.expect('{');
  const condition = parser.or();
  parser.expect('}');
  if (!parser.atEnd()) throw new PatternError('text after the closing }');
  return condition;
}

class Parser {
  private at = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    this.skipSpace();
    return this.at >= this.text.length;
  }

  expect(token: string): void {
    this.skipSpace();
    if (!this.text.startsWith(token, this.at))
      throw new PatternError(`expected '${token}' at position ${this.at + 1}`);
    this.at += token.length;
  }

  or(): JsonCondition {
    let left = this.and();
    while (this.take('||')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): JsonCondition {
    let left = this.unary();
    while (this.take('&&')) left = { kind: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): JsonCondition {
    if (this.take('(')) {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    const path = this.selector();
    if (this.takeWord('IS')) {
      for (const test of ['NULL', 'TRUE', 'FALSE'] as const)
        if (this.takeWord(test)) return { kind: 'is', path, test };
      throw new PatternError('IS must be followed by NULL, TRUE or FALSE');
    }
    if (this.takeWord('NOT')) {
      if (this.takeWord('EXISTS')) return { kind: 'is', path, test: 'NOT EXISTS' };
      throw new PatternError('NOT must be followed by EXISTS');
    }
    const op = (['!=', '<=', '>=', '=', '<', '>'] as const).find((candidate) => this.take(candidate));
    if (!op) throw new PatternError(`expected a comparison operator at position ${this.at + 1}`);
    if (this.text[this.at] === '=') throw new PatternError("'==' is not an operator; use '='");
    const value = this.value();
    if (typeof value === 'string' && op !== '=' && op !== '!=')
      throw new PatternError(`'${op}' compares numbers only`);
    return { kind: 'compare', path, op, value };
  }

  private selector(): PathStep[] {
    this.skipSpace();
    if (this.text[this.at] !== '$')
      throw new PatternError(`expected a selector starting with $ at position ${this.at + 1}`);
    this.at++;
    const path: PathStep[] = [];
    for (;;) {
      if (this.text[this.at] === '.') {
        this.at++;
        const name = this.run((c) => /[A-Za-z0-9_@$-]/.test(c));
        if (!NAME.test(name)) throw new PatternError(`expected a property name at position ${this.at + 1}`);
        path.push(name);
      } else if (this.text[this.at] === '[') {
        this.at++;
        const index = this.run((c) => /\d/.test(c));
        if (index === '' || this.text[this.at] !== ']')
          throw new PatternError('only array indexes like [0] are supported in selectors');
        this.at++;
        path.push(Number(index));
      } else break;
    }
    if (path.length === 0) throw new PatternError('a selector must name a field ($.field)');
    return path;
  }

  private value(): number | string {
    this.skipSpace();
    if (this.text[this.at] === '"') {
      this.at++;
      let text = '';
      while (this.text[this.at] !== '"') {
        if (this.at >= this.text.length) throw new PatternError('a quoted value is not closed');
        if (
          this.text[this.at] === '\\' &&
          (this.text[this.at + 1] === '"' || this.text[this.at + 1] === '\\')
        )
          this.at++;
        text += this.text[this.at];
        this.at++;
      }
      this.at++;
      return text;
    }
    const word = this.run((c) => !/[\s()&|}]/.test(c));
    if (word === '') throw new PatternError(`expected a value at position ${this.at + 1}`);
    if (word.startsWith('%'))
      throw new PatternError('regular expression values (%…%) are not supported by the sandbox');
    return NUMBER.test(word) ? Number(word) : word;
  }

  private run(accepts: (c: string) => boolean): string {
    const start = this.at;
    while (this.at < this.text.length && accepts(this.text[this.at]!)) this.at++;
    return this.text.slice(start, this.at);
  }

  private take(token: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(token, this.at)) return false;
    this.at += token.length;
    return true;
  }

  private takeWord(word: string): boolean {
    this.skipSpace();
    const end = this.at + word.length;
    if (this.text.slice(this.at, end) !== word || /[A-Za-z0-9_]/.test(this.text[end] ?? '')) return false;
    this.at = end;
    return true;
  }

  private skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }
}
