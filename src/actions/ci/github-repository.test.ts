import { describe, expect, it } from 'vitest';
import { displayRemote, parseRepository, repositoryFromRemote } from './github-repository.js';

describe('the GitHub repository of a git remote', () => {
  it.each([
    ['https://github.com/acme/shop.git', 'acme/shop'],
    ['https://github.com/acme/shop', 'acme/shop'],
    ['https://github.com/acme/shop/', 'acme/shop'],
    ['https://x-access-token:ghs_abc@github.com/acme/shop.git', 'acme/shop'],
    ['git@github.com:acme/shop.git', 'acme/shop'],
    ['git@github.com:Acme-Corp/my.site', 'Acme-Corp/my.site'],
    ['ssh://git@github.com/acme/shop.git', 'acme/shop'],
    ['ssh://git@github.com:22/acme/shop.git', 'acme/shop'],
    ['  https://github.com/acme/shop.git\n', 'acme/shop'],
  ])('reads %s as %s', (url, expected) => {
    const repository = repositoryFromRemote(url);
    expect(repository && `${repository.owner}/${repository.name}`).toBe(expected);
  });

  it.each([
    'https://gitlab.com/acme/shop.git',
    'git@github.example.com:acme/shop.git',
    'https://github.com/acme',
    'https://github.com/acme/shop/tree/main',
    'http://github.com/acme/shop.git',
    'file:///srv/git/shop.git',
    '/srv/git/shop.git',
    'git@github.com:/acme/shop.git',
    'https://github.com/-acme/shop',
    `https://github.com/acme/${'a'.repeat(3000)}`,
  ])('does not take %s for a github.com repository', (url) => {
    expect(repositoryFromRemote(url)).toBeUndefined();
  });

  it('names a repository given as owner/name, and refuses anything else', () => {
    expect(parseRepository('acme/shop')).toEqual({ owner: 'acme', name: 'shop' });
    for (const bad of ['acme', 'acme/shop/x', 'acme/', '/shop', 'ac me/shop', 'acme/..', 'acme/$(id)'])
      expect(parseRepository(bad), bad).toBeUndefined();
  });

  it('prints a remote without the token a URL may carry', () => {
    expect(displayRemote('https://x-access-token:ghs_secret@gitlab.com/acme/shop.git')).toBe(
      'https://gitlab.com/acme/shop.git',
    );
    expect(displayRemote('deploy@git.example.com:acme/shop.git')).toBe('git.example.com:acme/shop.git');
    expect(displayRemote('https://gitlab.com/a\u001b[31m/b')).not.toContain('\u001b');
  });
});
