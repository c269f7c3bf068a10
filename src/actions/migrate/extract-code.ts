import { environmentOfTokens, expressionEnd, expressionValues } from './code-expression.js';
import { type CodeToken, codeTokens, type Language } from './code-lex.js';
import { environmentIn, environmentOfBranch, environmentOfWord, guess } from './environments.js';
import { extractShell } from './extract-shell.js';
import type { EnvironmentGuess, Fact } from './types.js';

interface Frame {
  env?: EnvironmentGuess;
  /** The variable a `{` literal is assigned to: `{ staging: 'x' }` entries are its values per environment. */
  owner?: string;
  /** For Python: the indentation of the line that opened the block. */
  indent?: number;
  /** The environment of the current `case` inside a switch. */
  caseEnv?: EnvironmentGuess;
}

/** SDK calls that take a bucket by position (boto3): the argument's index. */
const BUCKET_ARGUMENT: Record<string, number> = {
  Bucket: 0,
  BucketWebsite: 0,
  Object: 0,
  upload_file: 1,
  upload_fileobj: 1,
  download_file: 0,
  download_fileobj: 0,
};

const DECLARE = new Set(['const', 'let', 'var', 'def', 'val']);
const SHELL_STRING =
  /^\s*(aws|sam|serverless|sls|cdk)\s|\baws (s3|s3api|cloudfront|lambda|apigateway|apigatewayv2) /;

class Walker {
  readonly facts: Fact[] = [];
  private readonly frames: Frame[] = [];
  /** The environment of the next block: set by `if`, `else`, a function named for one, `stage('Prod')`. */
  private pending: EnvironmentGuess | null | undefined;
  private readonly consumed = new Set<number>();
  private owner: string | undefined;

  constructor(
    private readonly tokens: CodeToken[],
    private readonly language: Language,
  ) {}

  env(): EnvironmentGuess | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i]!;
      if (frame.caseEnv) return frame.caseEnv;
      if (frame.env) return frame.env;
    }
    return undefined;
  }

  private text(i: number): string | undefined {
    return this.tokens[i]?.text;
  }

  private assign(name: string, start: number, key: boolean): number {
    const end = expressionEnd(this.tokens, start, this.language !== 'javascript');
    const slice = this.tokens.slice(start, end);
    for (let i = start; i < end; i++) this.consumed.add(i);
    if (slice[0]?.text === '{') this.owner = name;
    if (name !== '' && slice[0]?.text !== '{' && slice[0]?.text !== '[') {
      for (const value of expressionValues(slice)) {
        const env = value.env ?? this.env();
        this.facts.push({
          type: 'assign',
          name,
          value: value.value,
          line: slice[0]!.line,
          ...(env ? { env } : {}),
          ...(key ? { key } : {}),
        });
      }
      if (/^(async|function|\()$/.test(slice[0]?.text ?? '')) {
        const named = environmentIn(name);
        if (named) this.pending = guess(named, `function ${name}`);
      }
    }
    return start;
  }

  /** Records the `index`th argument of a call starting at `start` as the value of `name`. */
  private positional(start: number, index: number, name: string): void {
    let at = start;
    for (let n = 0; n < index; n++) {
      at = expressionEnd(this.tokens, at, false);
      if (this.text(at) !== ',') return;
      at++;
    }
    if (this.text(at + 1) === '=') return;
    this.assign(name, at, true);
  }

  /** The `=` after a declared name, past a TypeScript type (`const x: string = ...`). */
  private typedEquals(at: number): number | undefined {
    if (this.text(at) === '=') return at;
    if (this.text(at) !== ':') return undefined;
    for (let j = at + 1; j < Math.min(this.tokens.length, at + 24); j++) {
      const text = this.text(j);
      if (text === '=') return j;
      if (text === ';' || text === '{' || this.tokens[j]!.first) return undefined;
    }
    return undefined;
  }

  private condition(i: number): void {
    const lineBound = this.language === 'python';
    const start = this.language === 'python' ? i + 1 : i + 2;
    const end = lineBound
      ? expressionEnd(this.tokens, start, true)
      : expressionEnd(this.tokens, start, false);
    const { env, negated } = environmentOfTokens(this.tokens.slice(start, end));
    this.pending = env && !negated ? env : null;
  }

  private awsList(i: number): void {
    const words = [];
    let j = i;
    while (j < this.tokens.length && words.length < 60) {
      const token = this.tokens[j]!;
      if (token.type === 'string') words.push({ text: token.text, line: token.line });
      else if (token.type === 'ident') words.push({ text: `\${${token.text}}`, line: token.line });
      else if (token.text !== ',' && token.text !== '[') break;
      this.consumed.add(j);
      j++;
    }
    const env = this.env();
    this.facts.push({ type: 'command', words, line: words[0]!.line, ...(env ? { env } : {}) });
  }

  run(): Fact[] {
    const { tokens } = this;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const next = this.text(i + 1);
      const previous = this.text(i - 1);
      if (this.language === 'python' && token.first)
        while (this.frames.length > 0 && (this.frames.at(-1)!.indent ?? -1) >= token.column)
          this.frames.pop();
      if (
        token.type === 'ident' &&
        next === '(' &&
        previous === '.' &&
        BUCKET_ARGUMENT[token.text] !== undefined
      ) {
        this.positional(i + 2, BUCKET_ARGUMENT[token.text]!, 'Bucket');
        continue;
      }
      if (token.type === 'ident') {
        if (
          (token.text === 'if' || token.text === 'elif') &&
          (this.language === 'python' ? true : next === '(')
        ) {
          this.condition(i);
          continue;
        }
        if (token.text === 'else') {
          if (this.pending === undefined) this.pending = null;
          continue;
        }
        if (token.text === 'case' && tokens[i + 1]?.type === 'string') {
          const env = environmentOfWord(tokens[i + 1]!.text);
          const frame = this.frames.at(-1);
          if (this.language === 'python')
            this.pending = env ? guess(env, `case '${tokens[i + 1]!.text}'`) : null;
          else if (frame) frame.caseEnv = env ? guess(env, `case '${tokens[i + 1]!.text}'`) : undefined;
          continue;
        }
        if (token.text === 'default' && next === ':' && this.frames.at(-1)) {
          delete this.frames.at(-1)!.caseEnv;
          continue;
        }
        if ((token.text === 'function' || token.text === 'def') && tokens[i + 1]?.type === 'ident') {
          const named = environmentIn(tokens[i + 1]!.text);
          this.pending = named ? guess(named, `function ${tokens[i + 1]!.text}`) : null;
          continue;
        }
        if (
          this.language === 'groovy' &&
          token.text === 'stage' &&
          next === '(' &&
          tokens[i + 2]?.type === 'string'
        ) {
          const named = environmentIn(tokens[i + 2]!.text);
          this.pending = named ? guess(named, `Jenkins stage '${tokens[i + 2]!.text}'`) : null;
          continue;
        }
        if (this.language === 'groovy' && token.text === 'branch' && tokens[i + 1]?.type === 'string') {
          const env = environmentOfBranch(tokens[i + 1]!.text);
          const stage = this.frames.at(-2);
          if (env && stage && !stage.env)
            stage.env = guess(env, `Jenkins when branch '${tokens[i + 1]!.text}'`);
          continue;
        }
        if (DECLARE.has(token.text) && tokens[i + 1]?.type === 'ident') {
          const equals = this.typedEquals(i + 2);
          if (equals !== undefined) {
            this.assign(tokens[i + 1]!.text, equals + 1, false);
            i = equals;
            continue;
          }
        }
        if (next === '=' && this.language === 'python' && (previous === '(' || previous === ',')) {
          this.assign(token.text, i + 2, true);
          i += 1;
          continue;
        }
        if (
          next === '=' &&
          (token.first || previous === '{' || previous === ';') &&
          this.language !== 'javascript'
        ) {
          this.assign(token.text, i + 2, false);
          i += 1;
          continue;
        }
      }
      if (
        (token.type === 'ident' || token.type === 'string') &&
        next === ':' &&
        previous !== '?' &&
        (previous === '{' ||
          previous === ',' ||
          previous === '(' ||
          token.first ||
          // Groovy calls without parentheses: `s3Upload bucket: 'site', file: 'dist'`.
          (this.language === 'groovy' && tokens[i - 1]?.type === 'ident'))
      ) {
        const named = environmentOfWord(token.text);
        const owner = this.frames.at(-1)?.owner;
        if (this.text(i + 2) === '{') {
          this.pending = named ? guess(named, `key ${token.text}`) : this.pending;
          if (owner) this.owner = owner;
        } else if (named && owner) {
          this.pending = guess(named, `key ${token.text} of ${owner}`);
          this.frames.push({ env: this.pending });
          this.pending = undefined;
          this.assign(owner, i + 2, false);
          this.frames.pop();
        } else this.assign(token.text, i + 2, true);
        this.consumed.add(i);
        i += 1;
        continue;
      }
      if (token.type === 'punct') {
        if (token.text === '{') {
          this.frames.push({
            ...(this.pending ? { env: this.pending } : {}),
            ...(this.owner ? { owner: this.owner } : {}),
          });
          this.pending = undefined;
          this.owner = undefined;
        } else if (token.text === '}') this.frames.pop();
        else if (
          token.text === ':' &&
          this.language === 'python' &&
          tokens[i + 1]?.first !== false &&
          this.pending !== undefined
        ) {
          const opener = [...tokens.slice(0, i)].reverse().find((candidate) => candidate.first);
          this.frames.push({ ...(this.pending ? { env: this.pending } : {}), indent: opener?.column ?? 0 });
          this.pending = undefined;
        }
        continue;
      }
      if (token.type === 'string') {
        if (token.text === 'aws' && next === ',') {
          this.awsList(i);
          continue;
        }
        if (SHELL_STRING.test(token.text))
          this.facts.push(...extractShell(token.text, token.line, this.env()));
        else if (!this.consumed.has(i)) {
          const env = this.env();
          this.facts.push({ type: 'text', text: token.text, line: token.line, ...(env ? { env } : {}) });
        }
      }
    }
    return this.facts;
  }
}

/** Reads JavaScript/TypeScript, Python or a Jenkinsfile (Groovy) into facts. */
export function extractCode(source: string, language: Language): Fact[] {
  return new Walker(codeTokens(source, language), language).run();
}
