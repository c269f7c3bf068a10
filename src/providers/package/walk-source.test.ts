import { rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers/testdir.js';
import { readFound } from './read-found.js';
import { walkSource } from './walk-source.js';

describe('walkSource', () => {
  it('follows links that stay inside the folder, under the link name', async () => {
    const dir = await testdir({ 'index.html': 'home', 'assets/app.js': 'app()' });
    await symlink('index.html', join(dir, 'copy.html'));
    await symlink('assets', join(dir, 'static'));
    const found = await walkSource(dir, 'site folder');
    expect(found.map((file) => file.path)).toEqual([
      'assets/app.js',
      'copy.html',
      'index.html',
      'static/app.js',
    ]);
    expect((await readFound(found[1]!)).toString()).toBe('home');
  });

  it.each([
    ['a file', '/etc/passwd'],
    ['a folder', '/etc'],
  ])(
    'refuses a link to %s outside the folder, naming the link and its target (issue 15)',
    async (_kind, target) => {
      const dir = await testdir({ 'index.html': 'home' });
      await symlink(target, join(dir, 'leak'));
      await expect(walkSource(dir, 'site folder')).rejects.toMatchObject({
        code: 'LinkRefused',
        exitCode: 3,
        message: expect.stringContaining(`symbolic link leak → ${target}, which leads outside it`),
      });
    },
  );

  it('refuses a relative link that climbs out, a dangling link and a cycle', async () => {
    const outside = await testdir({ 'secret.txt': 'x' });
    const dir = await testdir({ 'a/b.txt': 'b' });
    await symlink(join(outside, 'secret.txt'), join(dir, 'a/up'));
    await expect(walkSource(dir, 'function source')).rejects.toThrow(/a\/up → .*which leads outside it/);
    await rm(join(dir, 'a/up'));
    await symlink('missing.txt', join(dir, 'a/gone'));
    await expect(walkSource(dir, 'function source')).rejects.toThrow(
      'a/gone → missing.txt, which points to nothing',
    );
    await rm(join(dir, 'a/gone'));
    await symlink('..', join(dir, 'a/loop'));
    await expect(walkSource(dir, 'function source')).rejects.toThrow(
      'a/loop → .., which points to a folder that contains it',
    );
  });

  it('names every refused link in one error, the first 20 and a count, and says to remove or replace them', async () => {
    const dir = await testdir({ 'index.html': 'home' });
    await symlink('/etc', join(dir, 'etcdir'));
    await symlink('/etc/hosts', join(dir, 'hosts.txt'));
    const error = (await walkSource(dir, 'site folder').catch((caught: unknown) => caught)) as Error & {
      hint?: string;
    };
    expect(error).toMatchObject({ code: 'LinkRefused', exitCode: 3 });
    expect(error.message).toContain('2 symbolic links');
    expect(error.message).toContain('etcdir → /etc');
    expect(error.message).toContain('hosts.txt → /etc/hosts');
    expect(error.hint).toMatch(/remove each link, or replace it/);
    for (let index = 0; index < 23; index++) await symlink(`missing-${index}`, join(dir, `gone-${index}`));
    const many = (await walkSource(dir, 'site folder').catch((caught: unknown) => caught)) as Error;
    expect(many.message).toContain('25 symbolic links');
    expect(many.message).toContain('; and 5 more');
    expect(many.message.match(/ → /g)).toHaveLength(20);
  });
});

describe('readFound', () => {
  it('refuses a file replaced by a link after it was found (issue 15)', async () => {
    const dir = await testdir({ 'index.html': 'home' });
    const [found] = await walkSource(dir, 'site folder');
    await rm(join(dir, 'index.html'));
    await symlink('/etc/passwd', join(dir, 'index.html'));
    await expect(readFound(found!)).rejects.toMatchObject({ code: 'ArtifactChanged' });
  });

  it('refuses a file replaced by another file, or a folder above it replaced by a link', async () => {
    const dir = await testdir({ 'a/index.html': 'home', 'b/index.html': 'other' });
    const [found] = await walkSource(dir, 'site folder');
    await writeFile(join(dir, 'new.html'), 'new');
    await rename(join(dir, 'new.html'), join(dir, 'a/index.html'));
    await expect(readFound(found!)).rejects.toMatchObject({ code: 'ArtifactChanged' });
    const [again] = await walkSource(dir, 'site folder');
    await rename(join(dir, 'a'), join(dir, 'old'));
    await symlink(join(dir, 'b'), join(dir, 'a'));
    await expect(readFound(again!)).rejects.toMatchObject({ code: 'ArtifactChanged' });
  });

  it.runIf(process.platform === 'linux')(
    'refuses a file reached through a folder swapped for a link, even when it was stat-ed after the swap',
    async () => {
      const outside = await testdir({ 'f.txt': 'secret' });
      const dir = await testdir({ 'a/f.txt': 'site' });
      const [found] = await walkSource(dir, 'site folder');
      await rename(join(dir, 'a'), join(dir, 'old'));
      await symlink(outside, join(dir, 'a'));
      // What the walk records when the swap happens between its realpath and its stat.
      const swapped = await stat(join(outside, 'f.txt'));
      await expect(readFound({ ...found!, dev: swapped.dev, ino: swapped.ino })).rejects.toMatchObject({
        code: 'ArtifactChanged',
      });
    },
  );
});
