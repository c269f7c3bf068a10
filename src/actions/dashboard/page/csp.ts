import { createHash } from 'node:crypto';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * A Content-Security-Policy that lets the page run only its own inline scripts and style (by hash) and
 * load nothing at all. `frameAncestors`: only a header can carry it (browsers ignore it in a meta tag).
 */
export function contentSecurityPolicy(
  scripts: readonly string[],
  styles: readonly string[],
  { frameAncestors = false } = {},
): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.length > 0 ? scripts.map(hash).join(' ') : "'none'"}`,
    `style-src ${styles.map(hash).join(' ')}`,
    "img-src 'none'",
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    ...(frameAncestors ? ["frame-ancestors 'none'"] : []),
  ].join('; ');
}
