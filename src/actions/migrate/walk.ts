import { lstat, open, readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { fileKindOf } from './file-kind.js';
import type { FileKind } from './types.js';

/** Files bigger than this are not read: deployment scripts are small, and the text is hostile. */
export const MAX_FILE_BYTES = 512 * 1024;
/** More files than this in one scan is not a folder of scripts. */
const MAX_FILES = 5000;
const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'coverage',
  'vendor',
  '.venv',
  'venv',
  '__pycache__',
  '.terraform',
  '.serverless',
  '.aws-sam',
  'cdk.out',
  '.omnix',
  '.next',
  '.nuxt',
  '.cache',
  'bower_components',
]);

export interface ScannedFile {
  /** Path relative to the working directory, with `/` separators. */
  path: string;
  /** Path relative to the scanned argument (what its environment is read from). */
  within: string;
  absolute: string;
  kind: FileKind;
  text: string;
}

export interface Skipped {
  path: string;
  reason: string;
}

const posix = (path: string) => path.split(sep).join('/');

async function readHead(path: string, size: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size, MAX_FILE_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Every file of a kind the scanner reads under `paths` (files or folders, relative to `cwd`).
 * Links are never followed, large and binary files are skipped, and a path that does not exist is
 * a usage error.
 */
export async function collectFiles(
  paths: readonly string[],
  cwd: string,
): Promise<{ files: ScannedFile[]; skipped: Skipped[] }> {
  const files: ScannedFile[] = [];
  const skipped: Skipped[] = [];
  const seen = new Set<string>();
  for (const given of paths) {
    const root = resolve(cwd, given);
    const info = await lstat(root).catch(() => undefined);
    if (!info)
      throw new UsageError('PathNotFound', `'${given}' does not exist`, {
        hint: 'Give the scripts, or the folders holding them, as paths.',
      });
    const base = info.isDirectory() ? root : resolve(root, '..');
    const stack = [root];
    while (stack.length > 0) {
      const path = stack.pop()!;
      const stat = await lstat(path);
      const shown = posix(relative(cwd, path)) || '.';
      if (stat.isSymbolicLink()) {
        skipped.push({ path: shown, reason: 'a symbolic link (not followed)' });
        continue;
      }
      if (stat.isDirectory()) {
        const entries = (await readdir(path)).sort().reverse();
        for (const entry of entries) if (!SKIP_DIRS.has(entry)) stack.push(join(path, entry));
        continue;
      }
      if (!stat.isFile() || seen.has(path)) continue;
      seen.add(path);
      if (files.length >= MAX_FILES) {
        skipped.push({ path: shown, reason: `more than ${MAX_FILES} files` });
        continue;
      }
      const within = posix(relative(base, path));
      const head = stat.size > 0 ? await readHead(path, Math.min(stat.size, 256)) : Buffer.alloc(0);
      const kind = fileKindOf(posix(relative(cwd, path)), head.toString('utf8').split('\n')[0] ?? '');
      if (!kind) continue;
      if (stat.size > MAX_FILE_BYTES) {
        skipped.push({ path: shown, reason: `larger than ${MAX_FILE_BYTES / 1024} KiB` });
        continue;
      }
      const content = await readHead(path, stat.size);
      if (content.subarray(0, 8000).includes(0)) {
        skipped.push({ path: shown, reason: 'binary' });
        continue;
      }
      files.push({ path: shown, within, absolute: path, kind, text: content.toString('utf8') });
    }
  }
  return { files: files.sort((a, b) => a.path.localeCompare(b.path)), skipped };
}
