import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SCANNER_FINGERPRINT } from '../../core/secrets/patterns.js';
import type { FoundFile } from '../../providers/package/walk-source.js';
import { type FileFacts, SCAN_LIMIT } from './read-site-file.js';

/** Where a project's caches live, below its root. */
export const CACHE_FOLDER = join('.omnix', 'cache');

/**
 * A file written this close to the scan (ms) is not remembered: it could be written again within the
 * same timestamp tick, with the same size, and look unchanged.
 */
const RACY_MS = 2000;

type Identity = Pick<FoundFile, 'real' | 'dev' | 'ino' | 'size' | 'mtimeMs' | 'ctimeMs'>;
interface Entry extends FileFacts {
  dev: number;
  ino: number;
  mtimeMs: number;
  ctimeMs: number;
}
interface Stored {
  scanner: string;
  files: Record<string, Entry>;
}

/** Remembered facts of a site folder's files, trusted only for a file whose identity, size and times all match. */
export interface HashCache {
  get(found: Identity): FileFacts | undefined;
  set(found: Identity, facts: FileFacts): void;
  /** Writes what this scan saw (only the files it saw), when that differs from what was read. */
  save(): Promise<void>;
}

/**
 * The hash cache of the folder whose real path is `root`, kept in `folder`. An unreadable, corrupt
 * or outdated cache file is ignored: every file is then read, as without a cache.
 */
export async function openHashCache(
  folder: string,
  root: string,
  startedAt = Date.now(),
): Promise<HashCache> {
  const file = join(folder, `site-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`);
  const scanner = `${SCANNER_FINGERPRINT}|${SCAN_LIMIT}`;
  const previous = await readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as Stored)
    .then((stored) => (stored?.scanner === scanner && isRecord(stored.files) ? stored.files : {}))
    .catch(() => ({}) as Record<string, Entry>);
  const seen: Record<string, Entry> = {};
  let changed = false;
  return {
    get(found) {
      const entry = previous[found.real];
      if (!isEntry(entry) || !same(entry, found) || racy(found, startedAt)) return undefined;
      seen[found.real] = entry;
      const { size, md5, secrets } = entry;
      return { size, md5, ...(secrets ? { secrets } : {}) };
    },
    set(found, facts) {
      changed = true;
      // The content read may be newer than the identity found: remembered only when both agree.
      if (racy(found, startedAt) || facts.size !== found.size) return;
      const { dev, ino, mtimeMs, ctimeMs } = found;
      seen[found.real] = { ...facts, dev, ino, mtimeMs, ctimeMs };
    },
    async save() {
      if (!changed && Object.keys(seen).length === Object.keys(previous).length) return;
      await mkdir(folder, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ scanner, files: seen } satisfies Stored));
      await rename(temporary, file);
    },
  };
}

const same = (entry: Entry, found: Identity) =>
  entry.size === found.size &&
  entry.mtimeMs === found.mtimeMs &&
  entry.ctimeMs === found.ctimeMs &&
  entry.ino === found.ino &&
  entry.dev === found.dev;

const racy = (found: Identity, startedAt: number) =>
  Math.max(found.mtimeMs, found.ctimeMs) > startedAt - RACY_MS;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isEntry(value: unknown): value is Entry {
  if (!isRecord(value)) return false;
  const { size, md5, secrets, dev, ino, mtimeMs, ctimeMs } = value;
  return (
    [size, dev, ino, mtimeMs, ctimeMs].every((n) => typeof n === 'number') &&
    typeof md5 === 'string' &&
    /^[0-9a-f]{32}$/.test(md5) &&
    (secrets === undefined ||
      (Array.isArray(secrets) &&
        secrets.every((s) => isRecord(s) && typeof s.line === 'number' && typeof s.kind === 'string')))
  );
}
