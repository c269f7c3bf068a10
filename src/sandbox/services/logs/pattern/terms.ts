import { TermSet, type WorkMeter } from './search.js';

/** A pattern that cannot be read, or one the sandbox does not support: the message says which. */
export class PatternError extends Error {}

interface Term {
  text: string;
  kind: 'all' | 'any' | 'not';
}

/** A group matches when all its terms appear and none of its excluded terms does. */
interface Group {
  required: number[];
  excluded: number[];
}

/**
 * Term patterns over unstructured text, case-sensitive, each term found anywhere in the message:
 * `ERROR Exception` (all terms), `"exact phrase"`, `-Exiting` (must not appear), and `?ERROR ?WARN`
 * (any): each `?term` starts an alternative that the plain and `-` terms after it narrow, as CDK's
 * `anyTermGroup` writes them (`?"ERROR" "MainThread" ?"WARN"`).
 */
export function compileTerms(pattern: string): (message: string, meter: WorkMeter) => boolean {
  const terms = tokenize(pattern);
  const groups: Group[] = [];
  const alternatives = terms.some((term) => term.kind === 'any');
  if (alternatives && terms[0]!.kind !== 'any')
    throw new PatternError(
      'a pattern with ?terms must start with one; the terms before it belong to no alternative',
    );
  terms.forEach((term, index) => {
    if (term.kind === 'any' || groups.length === 0) groups.push({ required: [], excluded: [] });
    const group = groups.at(-1)!;
    (term.kind === 'not' ? group.excluded : group.required).push(index);
  });
  const set = new TermSet(terms.map((term) => term.text));
  return (message, meter) => {
    const found = set.found(message, meter);
    return groups.some(
      (group) => group.required.every((i) => found[i]) && !group.excluded.some((i) => found[i]),
    );
  };
}

/** Splits on whitespace outside double quotes; `\"` and `\\` escape inside quotes. */
function tokenize(pattern: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  while (i < pattern.length) {
    if (/\s/.test(pattern[i]!)) {
      i++;
      continue;
    }
    let kind: Term['kind'] = 'all';
    if (pattern[i] === '?' || pattern[i] === '-') {
      kind = pattern[i] === '?' ? 'any' : 'not';
      i++;
    }
    let text = '';
    if (pattern[i] === '"') {
      i++;
      for (;;) {
        if (i >= pattern.length) throw new PatternError('a quoted term is not closed');
        const c = pattern[i]!;
        if (c === '"') break;
        if (c === '\\' && (pattern[i + 1] === '"' || pattern[i + 1] === '\\')) {
          text += pattern[i + 1];
          i += 2;
          continue;
        }
        text += c;
        i++;
      }
      i++;
      if (i < pattern.length && !/\s/.test(pattern[i]!))
        throw new PatternError('a quoted term must be followed by a space or the end of the pattern');
    } else {
      while (i < pattern.length && !/\s/.test(pattern[i]!)) {
        if (pattern[i] === '"') throw new PatternError('a double quote inside an unquoted term');
        text += pattern[i];
        i++;
      }
      if (text === '') throw new PatternError(`'${kind === 'any' ? '?' : '-'}' must be followed by a term`);
      if (text.length >= 2 && text.startsWith('%') && text.endsWith('%'))
        throw new PatternError('regular expression terms (%…%) are not supported by the sandbox');
      if (/^[?-]/.test(text)) throw new PatternError(`'${text[0]}' cannot follow '?' or '-'`);
    }
    terms.push({ text, kind });
  }
  return terms;
}
