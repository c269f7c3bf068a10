import { describe, expect, it } from 'vitest';
import { firstMatch, globToRegExp } from './glob.js';

describe('globToRegExp', () => {
  it.each([
    ['assets/**', 'assets/app.1a2b.js', true],
    ['assets/**', 'assets/img/x.png', true],
    ['assets/**', 'other/assets/x', false],
    ['**/*.html', 'index.html', true],
    ['**/*.html', 'docs/a/b.html', true],
    ['**/*.html', 'index.htm', false],
    ['*.json', 'config.json', true],
    ['*.json', 'a/config.json', false],
    ['img/?.png', 'img/a.png', true],
    ['img/?.png', 'img/ab.png', false],
    ['a+b(1).txt', 'a+b(1).txt', true],
  ])('%s matches %s: %s', (glob, key, expected) => {
    expect(globToRegExp(glob).test(key)).toBe(expected);
  });

  it('takes the first matching rule', () => {
    const rules = [
      { match: 'assets/**', value: 'immutable' },
      { match: '**/*', value: 'default' },
    ];
    expect(firstMatch(rules, 'assets/a.js')?.value).toBe('immutable');
    expect(firstMatch(rules, 'index.html')?.value).toBe('default');
    expect(firstMatch([], 'x')).toBeUndefined();
  });
});
