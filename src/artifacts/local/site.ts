import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { lookup } from 'mime-types';
import type { OmnixConfig } from '../../config/schema.js';
import { OmnixError, UsageError } from '../../core/errors.js';
import { mapPool } from '../../core/pool.js';
import type { SiteUpload } from '../../providers/aws/site-upload.js';
import { changed, readRegularFile } from '../../providers/package/read-found.js';
import { type FoundFile, walkSource } from '../../providers/package/walk-source.js';
import { defaultCacheControl } from './default-cache-control.js';
import { firstMatch } from './glob.js';
import { openHashCache } from './hash-cache.js';
import { readSiteFile, type SecretAt } from './read-site-file.js';

/**
 * A file of the built site, as it will be stored: its key is prefix + path relative to the source
 * folder, with `/`; for a link inside the folder, `file` is the real path of its target.
 */
export interface LocalFile extends SiteUpload {
  /** Also what the distribution serves (`/` + path). */
  path: string;
  /** No `frontend.cacheControl` rule matched: `cacheControl` is omnix's default. */
  cacheControlByDefault?: true;
  /** Credentials in the content, by line (never the credential); absent: too large, not scanned. */
  secrets?: SecretAt[];
}

type Frontend = NonNullable<OmnixConfig['frontend']>;

/** How many site files are read at once: enough to keep the disk and the thread pool busy. */
const READ_CONCURRENCY = 8;

export interface ScanOptions {
  /** Folder of the hash cache (see `openHashCache`); unset: every file is read. */
  cacheFolder?: string;
  /** When the scan starts (tests move it to see the cache trusted). */
  now?: number;
}

/**
 * Reads the built site: every file's content hash, Content-Type and Cache-Control (by the first
 * matching rule, else the default), and the credentials its content holds; never its mtime, except to
 * recognise, with a hash cache, a file read before. Each file is read once, several at a time.
 * Symbolic links are followed only inside the folder (see `walkSource`).
 */
export async function scanSite(
  sourceFolder: string,
  frontend: Pick<Frontend, 'prefix' | 'cacheControl' | 'entryPoints'>,
  options: ScanOptions = {},
): Promise<LocalFile[]> {
  let found: FoundFile[];
  try {
    found = await walkSource(sourceFolder, 'site folder');
  } catch (error) {
    if (error instanceof OmnixError) throw error;
    throw new UsageError('ArtifactMissing', `the site folder ${sourceFolder} does not exist`, {
      hint: 'Run the frontend build first, or fix frontend.source.',
      cause: error,
    });
  }
  if (found.length === 0) {
    throw new UsageError('ArtifactEmpty', `the site folder ${sourceFolder} is empty`, {
      hint: 'Run the frontend build first.',
    });
  }
  const cache = options.cacheFolder
    ? await openHashCache(options.cacheFolder, await realpath(sourceFolder), options.now)
    : undefined;
  const prefix = frontend.prefix.replace(/^\/+|\/+$/g, '');
  const files = await mapPool(found, READ_CONCURRENCY, async (entry): Promise<LocalFile> => {
    const { path, file } = entry;
    let facts = cache?.get(entry);
    if (!facts) {
      facts = await readSiteFile(entry);
      cache?.set(entry, facts);
    }
    const rule = firstMatch(frontend.cacheControl, path);
    return {
      key: prefix ? `${prefix}/${path}` : path,
      path,
      file,
      size: facts.size,
      md5: facts.md5,
      ...(facts.secrets ? { secrets: facts.secrets } : {}),
      contentType: contentTypeOf(path),
      ...(rule
        ? { cacheControl: rule.value }
        : {
            cacheControl: defaultCacheControl(path, frontend.entryPoints),
            cacheControlByDefault: true as const,
          }),
    };
  });
  // A cache that cannot be written costs the next plan a full read, nothing more.
  await cache?.save().catch(() => {});
  return files;
}

/**
 * The bytes of a site file, exactly as they were hashed (and scanned) for the plan: what the upload
 * sends. A file changed since (content, or replaced by another file or a link) is refused.
 */
export async function readPlanned(file: LocalFile): Promise<Buffer> {
  // The content decides, not the inode: a rebuild that writes the same bytes anew changes nothing.
  const { bytes } = await readRegularFile(file);
  if (bytes.length !== file.size || createHash('md5').update(bytes).digest('hex') !== file.md5)
    throw changed(file);
  return bytes;
}

/** Content-Type by file name; text types carry charset=utf-8. */
export function contentTypeOf(path: string): string {
  const type = lookup(path) || 'application/octet-stream';
  return /^text\/|^application\/(javascript|json|xml)|\+xml$/.test(type) && !type.includes('charset')
    ? `${type}; charset=utf-8`
    : type;
}
