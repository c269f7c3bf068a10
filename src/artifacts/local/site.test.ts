import { createHash } from 'node:crypto';
import { rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers/testdir.js';
import { contentTypeOf, readPlanned, scanSite } from './site.js';

const RULES = [
  { match: 'assets/**', value: 'public, max-age=31536000, immutable' },
  { match: '**/*.html', value: 'no-cache' },
];

describe('scanSite', () => {
  it('hashes every file and gives it its key, type and cache rule', async () => {
    const dir = await testdir({
      'index.html': '<h1>x</h1>',
      'assets/app.1.js': 'x()',
      'docs/a.html': 'a',
      'data.bin': '\u0000',
    });
    const files = await scanSite(dir, { prefix: 'site/', cacheControl: RULES, entryPoints: ['index.html'] });
    expect(files.map((f) => [f.key, f.path, f.contentType, f.cacheControl])).toEqual([
      [
        'site/assets/app.1.js',
        'assets/app.1.js',
        'text/javascript; charset=utf-8',
        'public, max-age=31536000, immutable',
      ],
      ['site/data.bin', 'data.bin', 'application/octet-stream', 'public, max-age=300'],
      ['site/docs/a.html', 'docs/a.html', 'text/html; charset=utf-8', 'no-cache'],
      ['site/index.html', 'index.html', 'text/html; charset=utf-8', 'no-cache'],
    ]);
    expect(files[3]!.md5).toBe(createHash('md5').update('<h1>x</h1>').digest('hex'));
    expect(files[3]!.size).toBe(10);
  });

  // issue 14, defect 10: a file no rule matched got no Cache-Control, so CloudFront kept it for its default TTL.
  it('gives files no rule matches a default Cache-Control: pages and entry points no-cache, others five minutes', async () => {
    const dir = await testdir({
      'index.html': '<h1>x</h1>',
      'app.js': 'x()',
      'about.htm': 'a',
      'shell.txt': 'entry',
      'assets/app.1.js': 'x()',
    });
    const files = await scanSite(dir, {
      prefix: '',
      cacheControl: [{ match: 'assets/**', value: 'public, max-age=31536000, immutable' }],
      entryPoints: ['index.html', 'shell.txt'],
    });
    expect(files.map((f) => [f.path, f.cacheControl, f.cacheControlByDefault])).toEqual([
      ['about.htm', 'no-cache', true],
      ['app.js', 'public, max-age=300', true],
      ['assets/app.1.js', 'public, max-age=31536000, immutable', undefined],
      ['index.html', 'no-cache', true],
      ['shell.txt', 'no-cache', true],
    ]);
  });

  it('explains a missing or empty build', async () => {
    const dir = await testdir({});
    await expect(
      scanSite(join(dir, 'dist'), { prefix: '', cacheControl: [], entryPoints: ['index.html'] }),
    ).rejects.toMatchObject({
      code: 'ArtifactMissing',
    });
    await expect(
      scanSite(dir, { prefix: '', cacheControl: [], entryPoints: ['index.html'] }),
    ).rejects.toMatchObject({
      code: 'ArtifactEmpty',
    });
  });
});

describe('contentTypeOf', () => {
  it.each([
    ['a.css', 'text/css; charset=utf-8'],
    ['a.json', 'application/json; charset=utf-8'],
    ['a.svg', 'image/svg+xml; charset=utf-8'],
    ['a.png', 'image/png'],
    ['a.woff2', 'font/woff2'],
    ['noext', 'application/octet-stream'],
  ])('%s is %s', (path, type) => {
    expect(contentTypeOf(path)).toBe(type);
  });
});

describe('readPlanned', () => {
  it('gives the bytes that were hashed, also after a rebuild wrote the same bytes anew', async () => {
    const dir = await testdir({ 'index.html': '<h1>x</h1>' });
    const [file] = await scanSite(dir, { prefix: '', cacheControl: [], entryPoints: ['index.html'] });
    await rm(join(dir, 'index.html'));
    await writeFile(join(dir, 'index.html'), '<h1>x</h1>');
    expect((await readPlanned(file!)).toString()).toBe('<h1>x</h1>');
  });

  it('refuses a file whose content changed, or that became a link, after the plan (issue 15)', async () => {
    const dir = await testdir({ 'index.html': '<h1>x</h1>', 'other.html': '<h1>x</h1>' });
    const [file] = await scanSite(dir, { prefix: '', cacheControl: [], entryPoints: ['index.html'] });
    await writeFile(join(dir, 'index.html'), '<h1>y</h1>');
    await expect(readPlanned(file!)).rejects.toMatchObject({ code: 'ArtifactChanged' });
    await rm(join(dir, 'index.html'));
    await symlink('other.html', join(dir, 'index.html'));
    await expect(readPlanned(file!)).rejects.toMatchObject({ code: 'ArtifactChanged' });
  });
});
