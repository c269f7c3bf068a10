import { createHash } from 'node:crypto';
import { lookup } from 'mime-types';
import type { OmnixConfig } from '../../config/schema.js';
import { OmnixError, UsageError } from '../../core/errors.js';
import { changed, readFound, readRegularFile } from '../../providers/package/read-found.js';
import { type FoundFile, walkSource } from '../../providers/package/walk-source.js';
import { defaultCacheControl } from './default-cache-control.js';
import { firstMatch } from './glob.js';

/** A file of the built site, as it will be stored. */
export interface LocalFile {
  /** The S3 key: prefix + path relative to the source folder, with `/`. */
  key: string;
  /** Path relative to the source folder: what the distribution serves (`/` + this). */
  path: string;
  /** The file to read: for a link inside the folder, the real path of its target. */
  file: string;
  size: number;
  /** Hex MD5 of the content: the S3 ETag of a single-part upload. */
  md5: string;
  contentType: string;
  cacheControl?: string;
  /** No `frontend.cacheControl` rule matched: `cacheControl` is omnix's default. */
  cacheControlByDefault?: true;
}

type Frontend = NonNullable<OmnixConfig['frontend']>;

/**
 * Reads the built site: every file's content hash, Content-Type and Cache-Control (by the first
 * matching rule, else the default); never its mtime. Symbolic links are followed only inside the
 * folder (see `walkSource`).
 */
export async function scanSite(
  sourceFolder: string,
  frontend: Pick<Frontend, 'prefix' | 'cacheControl' | 'entryPoints'>,
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
  const prefix = frontend.prefix.replace(/^\/+|\/+$/g, '');
  const files: LocalFile[] = [];
  for (const entry of found) {
    const { path, file } = entry;
    const bytes = await readFound(entry);
    const rule = firstMatch(frontend.cacheControl, path);
    files.push({
      key: prefix ? `${prefix}/${path}` : path,
      path,
      file,
      size: bytes.length,
      md5: createHash('md5').update(bytes).digest('hex'),
      contentType: contentTypeOf(path),
      ...(rule
        ? { cacheControl: rule.value }
        : {
            cacheControl: defaultCacheControl(path, frontend.entryPoints),
            cacheControlByDefault: true as const,
          }),
    });
  }
  if (files.length === 0) {
    throw new UsageError('ArtifactEmpty', `the site folder ${sourceFolder} is empty`, {
      hint: 'Run the frontend build first.',
    });
  }
  return files;
}

/**
 * The bytes of a site file, exactly as they were hashed for the plan: what validation scans and the
 * upload sends. A file changed since (content, or replaced by another file or a link) is refused.
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
