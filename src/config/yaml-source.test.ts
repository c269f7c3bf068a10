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
});
