import { describe, expect, it } from 'vitest';
import { parseYamlSource } from './yaml-source.js';

describe('parseYamlSource', () => {
  it('records the position of every key and value', () => {
    const source = parseYamlSource(
      'a.yaml',
      'project: demo\nfrontend:\n  bucket: web\n  entryPoints:\n    - index.html\n',
    );
    expect(source.errors).toEqual([]);
    expect(source.value).toEqual({
      project: 'demo',
      frontend: { bucket: 'web', entryPoints: ['index.html'] },
    });
    expect(source.valuePositions.get('frontend.bucket')).toEqual({ line: 3, column: 11 });
    expect(source.keyPositions.get('frontend.bucket')).toEqual({ line: 3, column: 3 });
    expect(source.valuePositions.get('frontend.entryPoints[0]')).toEqual({ line: 5, column: 7 });
  });

  it('locates a syntax error and keeps the message to one line', () => {
    const source = parseYamlSource('bad.yaml', 'project: demo\naws:\n  region: [us-east-1\n');
    expect(source.errors.length).toBeGreaterThan(0);
    expect(source.errors[0]).toMatchObject({ source: 'bad.yaml', line: expect.any(Number) });
    expect(source.errors[0]!.message).not.toContain('\n');
  });

  it('rejects duplicate keys', () => {
    const source = parseYamlSource('dup.yaml', 'project: a\nproject: b\n');
    expect(source.errors[0]).toMatchObject({ line: 2, column: 1 });
    expect(source.errors[0]!.message).toMatch(/unique/);
  });

  it('treats an empty file as an empty mapping', () => {
    expect(parseYamlSource('e.yaml', '# nothing here\n').value).toEqual({});
  });

  it('rejects a top level that is not a mapping', () => {
    const source = parseYamlSource('list.yaml', '- a\n- b\n');
    expect(source.errors[0]!.message).toMatch(/expected a mapping.*found a list/);
  });

  it('marks a key with no value at the key', () => {
    const source = parseYamlSource('n.yaml', 'frontend:\n  bucket:\n');
    expect(source.value).toEqual({ frontend: { bucket: null } });
    expect(source.valuePositions.get('frontend.bucket')).toMatchObject({ line: 2 });
  });

  describe('limits (issue 15, defect 7)', () => {
    const limits = { maxBytes: 10_000, maxDepth: 4, maxNodes: 50, maxAliases: 5 };

    it('refuses a file larger than the limit, before parsing it', () => {
      const source = parseYamlSource('big.yaml', `a: "${'x'.repeat(10_000)}"\n`, limits);
      expect(source.errors[0]!.message).toMatch(/10006 bytes; a configuration file may have at most 10000/);
    });

    it('refuses nesting deeper than the limit, in block and in flow style', () => {
      const block = parseYamlSource('deep.yaml', 'a:\n b:\n  c:\n   d:\n    e:\n     f: 1\n', limits);
      expect(block.errors[0]).toMatchObject({
        line: 5,
        message: expect.stringMatching(/nested more than 4 deep/),
      });
      const flow = parseYamlSource('deep.yaml', `a: ${'['.repeat(6)}${']'.repeat(6)}\n`, limits);
      expect(flow.errors[0]!.message).toMatch(/nested more than 4 deep/);
    });

    it('refuses more keys and list items than the limit', () => {
      const text = Array.from({ length: 51 }, (_, index) => `k${index}: ${index}`).join('\n');
      const source = parseYamlSource('wide.yaml', text, limits);
      expect(source.errors[0]!.message).toMatch(/more than 50 keys and list items/);
    });

    it('refuses alias expansion beyond the limit (billion laughs)', () => {
      const text = 'a: &a [x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b, *b]\n';
      const source = parseYamlSource('laughs.yaml', text, limits);
      expect(source.errors[0]!.message).toMatch(/alias/i);
    });

    it('still finds a duplicate key among many', () => {
      const text = `${Array.from({ length: 40 }, (_, index) => `k${index}: ${index}`).join('\n')}\nk7: again\n`;
      const source = parseYamlSource('dup.yaml', text, limits);
      expect(source.errors[0]).toMatchObject({
        line: 41,
        message: expect.stringMatching(/'k7' appears twice/),
      });
    });

    it('loads a file within the default limits', () => {
      const text = Array.from({ length: 5000 }, (_, index) => `k${index}: ${index}`).join('\n');
      expect(parseYamlSource('ok.yaml', text).errors).toEqual([]);
    });
  });
});
