import { describe, expect, it } from 'vitest';
import { compileFilterPattern } from './filter-pattern.js';
import { WorkMeter } from './search.js';

const matches = (pattern: string, message: string) => compileFilterPattern(pattern)(message, new WorkMeter());

/** The work a match took, per character of pattern and message together. */
function workPerCharacter(pattern: string, message: string): { matched: boolean; ratio: number } {
  const meter = new WorkMeter();
  const matched = compileFilterPattern(pattern)(message, meter);
  return { matched, ratio: meter.steps / (pattern.length + message.length) };
}

describe('filter patterns on text', () => {
  it.each([
    ['', 'anything', true],
    ['   ', 'anything', true],
    ['ERROR', '[ERROR] disk full', true],
    ['ERROR', 'error: disk full', false],
    ['ERROR disk', 'ERROR: disk full', true],
    ['ERROR memory', 'ERROR: disk full', false],
    ['"disk full"', 'ERROR: disk full', true],
    ['"full disk"', 'ERROR: disk full', false],
    ['"say \\"hi\\""', 'they say "hi"', true],
    ['?ERROR ?WARN', 'WARN low memory', true],
    ['?ERROR ?WARN', 'INFO fine', false],
    ['ERROR -Exiting', 'ERROR retrying', true],
    ['ERROR -Exiting', 'ERROR Exiting now', false],
    ['-DEBUG', 'INFO up', true],
    ['-DEBUG', 'DEBUG noise', false],
    ['?ERROR MainThread ?WARN Deadlock', 'WARN Deadlock found', true],
    ['?ERROR MainThread ?WARN Deadlock', 'ERROR in worker', false],
    ['?"ERROR" "MainThread" ?"WARN"', 'ERROR in MainThread', true],
  ])('%j on %j → %s', (pattern, message, expected) => {
    expect(matches(pattern, message)).toBe(expected);
  });
});

describe('filter patterns on JSON events', () => {
  const event = JSON.stringify({
    level: 'ERROR',
    latency: 120,
    ok: false,
    gone: null,
    ip: '123.123.9.1',
    user: { id: 7, roles: ['admin', 'dev'] },
  });
  it.each([
    ['{ $.level = "ERROR" }', true],
    ['{ $.level = ERROR }', true],
    ['{ $.level != "ERROR" }', false],
    ['{ $.level = "ERR*" }', true],
    ['{ $.level = "*RO*" }', true],
    ['{ $.level = "*X*" }', false],
    ['{ $.ip != 123.123.* }', false],
    ['{ $.ip = 123.123.* }', true],
    ['{ $.latency = 120 }', true],
    ['{ $.latency > 100 }', true],
    ['{ $.latency >= 121 }', false],
    ['{ $.latency < 1.2e2 }', false],
    ['{ $.latency <= 120 }', true],
    ['{ $.latency != 5 }', true],
    ['{ $.level = 1 }', false],
    ['{ $.user.id = 7 }', true],
    ['{ $.user.roles[1] = "dev" }', true],
    ['{ $.user.roles[2] = "dev" }', false],
    ['{ $.ok IS FALSE }', true],
    ['{ $.ok IS TRUE }', false],
    ['{ $.gone IS NULL }', true],
    ['{ $.missing NOT EXISTS }', true],
    ['{ $.level NOT EXISTS }', false],
    ['{ $.missing != "x" }', false],
    ['{ $.constructor NOT EXISTS }', true],
    ['{ $.level = "ERROR" && $.latency > 100 }', true],
    ['{ $.level = "INFO" && $.latency > 100 }', false],
    ['{ $.level = "INFO" || $.latency > 100 }', true],
    ['{ ($.level = "INFO" || $.latency > 100) && $.user.id = 8 }', false],
    ['{ $.level = "INFO" || $.latency > 100 && $.user.id = 8 }', false],
    ['{ $.level = "ERROR" || $.latency > 100 && $.user.id = 8 }', true],
  ])('%s → %s', (pattern, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });

  it('matches no text event and no JSON that is not an object', () => {
    expect(matches('{ $.level = "ERROR" }', 'ERROR level="ERROR"')).toBe(false);
    expect(matches('{ $.level = "ERROR" }', '{"level": "ERROR"')).toBe(false);
    expect(matches('{ $.level NOT EXISTS }', '["level"]')).toBe(false);
  });
});

describe('filter patterns the sandbox refuses', () => {
  it.each([
    ['[ip, user, status = 500]', 'space-delimited'],
    ['%ERR.R%', 'regular expression'],
    ['{ $.message = %timed out% }', 'regular expression'],
    ['{ $.level == "ERROR" }', "'=='"],
    ['{ $.level = "ERROR" ', "'}'"],
    ['{ $.level = "ERROR" } tail', 'after the closing'],
    ['{ level = "ERROR" }', 'selector'],
    ['{ $.level > "ERROR" }', 'numbers only'],
    ['{ $.a[*] = 1 }', 'array indexes'],
    ['{ $.a IS MAYBE }', 'IS must be followed'],
    ['"unclosed', 'not closed'],
    ['ERROR ?WARN', 'must start with one'],
    ['ERROR - x', 'must be followed by a term'],
    ['a"b', 'double quote'],
  ])('%s', (pattern, reason) => {
    expect(() => compileFilterPattern(pattern)).toThrow(
      expect.objectContaining({
        code: 'InvalidParameterException',
        message: expect.stringContaining(reason),
      }),
    );
  });

  it('refuses a pattern over 1024 characters, as the API does', () => {
    expect(() => compileFilterPattern('a'.repeat(1025))).toThrow(
      expect.objectContaining({
        code: 'InvalidParameterException',
        message: expect.stringContaining('1024'),
      }),
    );
  });
});

describe('filter pattern work on hostile 1 MB messages', () => {
  const MB = 1024 * 1024;

  it('looks for a long term in near-misses at every position in linear work', () => {
    const result = workPerCharacter(`"${'a'.repeat(1000)}b"`, 'a'.repeat(MB));
    expect(result.matched).toBe(false);
    expect(result.ratio).toBeLessThan(3);
  });

  it('finds many overlapping terms in one linear pass', () => {
    const terms = Array.from({ length: 40 }, (_, i) => 'a'.repeat(i + 1));
    const result = workPerCharacter(terms.join(' '), 'a'.repeat(MB));
    expect(result.matched).toBe(true);
    expect(result.ratio).toBeLessThan(3);
    const absent = workPerCharacter(`${terms.join(' ')} -b`, `${'a'.repeat(MB)}b`);
    expect(absent.matched).toBe(false);
    expect(absent.ratio).toBeLessThan(3);
  });

  it('decides a wildcard string against a long value without backtracking', () => {
    const value = 'a'.repeat(MB);
    const message = JSON.stringify({ v: value });
    // A backtracking matcher tries the 200 `*a` pieces at every split of the value before giving up on `b`.
    const manyStars = `{ $.v = "${'*a'.repeat(200)}*b*" }`;
    const result = workPerCharacter(manyStars, message);
    expect(result.matched).toBe(false);
    expect(result.ratio).toBeLessThan(4);
  });

  it('keeps JSON patterns linear in the message for each comparison they make', () => {
    const message = `{"deep":${'['.repeat(MB / 4)}${']'.repeat(MB / 4)},"v":"${'ab'.repeat(MB / 8)}"}`;
    const comparisons = 10;
    const pattern = `{ ${Array.from({ length: comparisons }, () => '$.v = "*b*c*"').join(' || ')} }`;
    const result = workPerCharacter(pattern, message);
    expect(result.matched).toBe(false);
    expect(result.ratio).toBeLessThan(2 * (comparisons + 1));
  });
});
