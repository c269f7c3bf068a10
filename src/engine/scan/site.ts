import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { lookup } from 'mime-types';
import type { OmnixConfig } from '../../config/schema.js';
import { UsageError } from '../../core/errors.js';
import { defaultCacheControl } from './default-cache-control.js';
import { firstMatch } from './glob.js';

/** A file of the built site, as it will be stored. */
export interface LocalFile {
  /** The S3 key: prefix + path relative to the source folder, with `/`. */
  key: string;
  /** Path relative to the source folder: what the distribution serves (`/` + this). */
  path: string;
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
 * matching rule, else the default); never its mtime.
 */
export async function scanSite(
  sourceFolder: string,
  frontend: Pick<Frontend, 'prefix' | 'cacheControl' | 'entryPoints'>,
): Promise<LocalFile[]> {
  let names: string[];
  try {
    names = (await readdir(sourceFolder, { recursive: true })).map(String);
  } catch (error) {
    throw new UsageError('ArtifactMissing', `the site folder ${sourceFolder} does not exist`, {
      hint: 'Run the frontend build first, or fix frontend.source.',
      cause: error,
    });
  }
  const prefix = frontend.prefix.replace(/^\/+|\/+$/g, '');
  const files: LocalFile[] = [];
  for (const name of names.sort()) {
    const file = join(sourceFolder, name);
    const info = await stat(file);
    if (!info.isFile()) continue;
    const path = relative(sourceFolder, file).split(sep).join(posix.sep);
    const bytes = await readFile(file);
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

/** Content-Type by file name; text types carry charset=utf-8. */
export function contentTypeOf(path: string): string {
  const type = lookup(path) || 'application/octet-stream';
  return /^text\/|^application\/(javascript|json|xml)|\+xml$/.test(type) && !type.includes('charset')
    ? `${type}; charset=utf-8`
    : type;
}
