import { escapeControl } from '../../core/text.js';

/** A GitHub repository, as the OIDC token's `sub` claim names it (`repo:<owner>/<name>:…`). */
export interface GithubRepository {
  owner: string;
  name: string;
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;
/** Longer than any remote URL worth reading: a longer one is not looked at. */
const LONGEST_URL = 2048;

/** `owner/name` when both parts are what GitHub allows, else undefined. */
export function parseRepository(text: string): GithubRepository | undefined {
  const [owner, name, ...rest] = text.split('/');
  if (rest.length > 0 || owner === undefined || name === undefined) return undefined;
  if (!OWNER.test(owner) || !NAME.test(name) || name === '.' || name === '..') return undefined;
  return { owner, name };
}

/**
 * The github.com repository a git remote URL points at: `https://github.com/o/n(.git)`,
 * `ssh://git@github.com/o/n.git` or `git@github.com:o/n.git`. Undefined for anything else (another
 * host, such as GitHub Enterprise Server, whose OIDC issuer differs).
 */
export function repositoryFromRemote(url: string): GithubRepository | undefined {
  const text = url.trim();
  if (text.length > LONGEST_URL) return undefined;
  const scp = /^[A-Za-z0-9._-]+@github\.com:(?!\/)/.exec(text);
  if (scp) return fromPath(text.slice(scp[0].length));
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return undefined;
  }
  if (!['https:', 'ssh:', 'git+ssh:'].includes(parsed.protocol)) return undefined;
  if (parsed.hostname.toLowerCase() !== 'github.com' && parsed.hostname.toLowerCase() !== 'www.github.com')
    return undefined;
  return fromPath(decodeURIComponent(parsed.pathname).replace(/^\//, ''));
}

function fromPath(path: string): GithubRepository | undefined {
  const trimmed = path.replace(/\/$/, '').replace(/\.git$/, '');
  return parseRepository(trimmed);
}

/** A remote URL fit to print: no user name or token, capped, no control characters. */
export function displayRemote(url: string): string {
  const text = escapeControl(url.trim().slice(0, 200));
  try {
    const parsed = new URL(text);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    // scp-like `user@host:path`: the user is not a secret, but a token pasted there would be.
    return text.replace(/^[^@/]*@/, '');
  }
}

export const formatRepository = (repository: GithubRepository) => `${repository.owner}/${repository.name}`;
