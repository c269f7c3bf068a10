/**
 * Cache-Control for a file no `frontend.cacheControl` rule matches. Without one, CloudFront keeps an
 * object for its behaviour's default TTL (24 hours unless changed) and browsers guess a lifetime from
 * Last-Modified, so a deployment's pages could be served stale for a day. So, as commonly advised:
 * - pages (HTML, and the configured entry points) `no-cache`: stored, but revalidated on every use,
 *   so a new release is seen at once;
 * - anything else `public, max-age=300`: five minutes, so a file whose name does not change between
 *   releases (one not fingerprinted) is never stale for long. Fingerprinted assets deserve a rule
 *   such as `{ match: 'assets/**', value: 'public, max-age=31536000, immutable' }`.
 */
export const DEFAULT_PAGE_CACHE_CONTROL = 'no-cache';
export const DEFAULT_FILE_CACHE_CONTROL = 'public, max-age=300';

/** The default Cache-Control of `path` (relative to the site folder) given the entry points. */
export function defaultCacheControl(path: string, entryPoints: readonly string[]): string {
  return entryPoints.includes(path) || /\.html?$/i.test(path)
    ? DEFAULT_PAGE_CACHE_CONTROL
    : DEFAULT_FILE_CACHE_CONTROL;
}
