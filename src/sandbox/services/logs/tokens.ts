import { invalidToken } from './errors.js';

/** A page position: the sort key of the last item a page covered, opaque to clients. */
export type PageKey = Array<string | number>;

export function encodeToken(kind: string, key: PageKey): string {
  return Buffer.from(JSON.stringify([kind, ...key])).toString('base64url');
}

/**
 * The key inside a token this sandbox issued for `kind` with the given shape ('s' string, 'n' number);
 * anything else → `InvalidParameterException` (tokens are client text).
 */
export function decodeToken(token: string, kind: string, shape: string): PageKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  if (!Array.isArray(parsed) || parsed[0] !== kind || parsed.length !== shape.length + 1)
    throw invalidToken();
  const key = parsed.slice(1) as unknown[];
  const fits = [...shape].every((type, i) =>
    type === 's' ? typeof key[i] === 'string' : Number.isSafeInteger(key[i]),
  );
  if (!fits) throw invalidToken();
  return key as PageKey;
}

/** Compares two keys element by element (strings by code unit, as AWS sorts names). */
export function compareKeys(a: PageKey, b: PageKey): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}

/**
 * One page of `items` (already sorted by `keyOf`, ascending or descending) after the token's key, and the
 * token of the next page when more remain.
 */
export function keysetPage<T>(
  items: T[],
  options: { kind: string; shape: string; keyOf: (item: T) => PageKey; size: number; descending?: boolean },
  token: string | undefined,
): { page: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    const after = decodeToken(token, options.kind, options.shape);
    const sign = options.descending ? -1 : 1;
    start = items.findIndex((item) => sign * compareKeys(options.keyOf(item), after) > 0);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + options.size);
  const more = start + options.size < items.length;
  return more ? { page, nextToken: encodeToken(options.kind, options.keyOf(page.at(-1)!)) } : { page };
}
