import { createHash } from 'node:crypto';

/** One digest for a whole site: every key with its content hash, in key order. */
export function siteDigest(files: Readonly<Record<string, string>>): string {
  const entries = Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `sha256:${createHash('sha256').update(JSON.stringify(entries)).digest('hex')}`;
}
