import { describe, expect, it } from 'vitest';
import { hasReference, parseTemplate, renderTemplate } from './parse.js';

describe('parseTemplate', () => {
  it('keeps plain text as one part', () => {
    expect(parseTemplate('omnix-web')).toEqual({ ok: true, parts: [{ type: 'text', text: 'omnix-web' }] });
  });

  it('reads a reference with an argument', () => {
    const parsed = parseTemplate('omnix-${env:STAGE, dev}-web');
    expect(parsed).toMatchObject({
      ok: true,
      parts: [
        { type: 'text', text: 'omnix-' },
        {
          type: 'ref',
          kind: 'env',
          argument: [{ type: 'text', text: 'STAGE, dev' }],
          source: '${env:STAGE, dev}',
        },
        { type: 'text', text: '-web' },
      ],
    });
  });

  it('reads references without an argument and dotted ones', () => {
    expect(parseTemplate('${environment}')).toMatchObject({
      ok: true,
      parts: [{ kind: 'environment', argument: [] }],
    });
    expect(parseTemplate('${outputs.apiUrl}/health')).toMatchObject({
      ok: true,
      parts: [{ kind: 'outputs', argument: [{ text: 'apiUrl' }] }, { text: '/health' }],
    });
  });

  it('nests references inside an argument', () => {
    const parsed = parseTemplate('${cfn:omnix-${environment}.DistributionId}');
    expect(parsed).toMatchObject({
      ok: true,
      parts: [
        { kind: 'cfn', argument: [{ text: 'omnix-' }, { kind: 'environment' }, { text: '.DistributionId' }] },
      ],
    });
  });

  it('treats $${ as a literal', () => {
    expect(parseTemplate('echo $${HOME}')).toEqual({
      ok: true,
      parts: [{ type: 'text', text: 'echo ${HOME}' }],
    });
    expect(hasReference('echo $${HOME}')).toBe(false);
  });

  it('reports an unterminated reference with its offset', () => {
    expect(parseTemplate('a-${env:X')).toMatchObject({
      ok: false,
      offset: 2,
      message: expect.stringMatching(/missing '}'/),
    });
  });

  it('reports a missing kind', () => {
    expect(parseTemplate('${}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/reference kind/),
    });
    expect(parseTemplate('${ env:X}')).toMatchObject({ ok: false });
  });

  it('round-trips through renderTemplate', () => {
    const text = 'a $${b} ${ssm:/x/${environment}/y}';
    const parsed = parseTemplate(text);
    expect(parsed.ok && renderTemplate(parsed.parts)).toBe(text);
  });
});
