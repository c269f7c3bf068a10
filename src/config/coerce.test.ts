import { describe, expect, it } from 'vitest';
import { coerceText } from './coerce.js';

describe('coerceText', () => {
  it('keeps text where the schema takes a string', () => {
    expect(coerceText('512', new Set(['string', 'number']))).toEqual({ ok: true, value: '512' });
    expect(coerceText('x', new Set())).toEqual({ ok: true, value: 'x' });
  });

  it('turns digits into a number and rejects fractions for integers', () => {
    expect(coerceText(' 512 ', new Set(['integer']))).toEqual({ ok: true, value: 512 });
    expect(coerceText('1.5', new Set(['number']))).toEqual({ ok: true, value: 1.5 });
    expect(coerceText('1.5', new Set(['integer']))).toMatchObject({ ok: false, expected: 'a whole number' });
    expect(coerceText('', new Set(['integer']))).toMatchObject({ ok: false });
  });

  it('reads the usual spellings of booleans', () => {
    expect(coerceText('YES', new Set(['boolean']))).toEqual({ ok: true, value: true });
    expect(coerceText('off', new Set(['boolean']))).toEqual({ ok: true, value: false });
    expect(coerceText('maybe', new Set(['boolean']))).toEqual({ ok: false, expected: 'true or false' });
  });

  it('reads lists and maps in flow syntax', () => {
    expect(coerceText('[index.html, 404.html]', new Set(['array']))).toEqual({
      ok: true,
      value: ['index.html', '404.html'],
    });
    expect(coerceText('{"A": "1"}', new Set(['object']))).toEqual({ ok: true, value: { A: '1' } });
    expect(coerceText('[1,', new Set(['array']))).toMatchObject({ ok: false });
    expect(coerceText('[1]', new Set(['object']))).toMatchObject({ ok: false });
  });
});
