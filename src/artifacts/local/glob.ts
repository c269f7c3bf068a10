/**
 * A glob as the configuration uses them, on `/`-separated keys: `*` within a segment, `**` across
 * segments (`**\/` may match nothing), `?` one character. Anchored at both ends.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index]!;
    if (char === '*' && glob[index + 1] === '*') {
      const slash = glob[index + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      index += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** The value of the first rule whose glob matches the key. */
export function firstMatch<T extends { match: string }>(rules: readonly T[], key: string): T | undefined {
  return rules.find((rule) => globToRegExp(rule.match).test(key));
}
