import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import { ValidationFailedError } from '../../core/errors.js';

/** A regular file found below a source folder, and the identity it had when it was found. */
export interface FoundFile {
  /** Path relative to the source folder, with `/`: the name it is published or packaged under. */
  path: string;
  /** The file to read: the path itself, or the real path of the file a link inside the folder points to. */
  file: string;
  /** Its real path when found: where the file must still be when it is read. */
  real: string;
  /** Device and inode: a later read checks it still reads this file, not one swapped in since. */
  dev: number;
  ino: number;
  mode: number;
  /** Size and times when found: enough to recognise a file already hashed (see the site's hash cache). */
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** How many refused links one error names; the rest are counted. */
const MAX_LISTED_LINKS = 20;

/**
 * Every regular file below `root`, sorted by path. A symbolic link is followed when its target is
 * inside `root` (a file link publishes the target's content under the link's name; a folder link is
 * walked), and refused when the target is outside it, does not exist, or is a folder that contains
 * the link (a cycle). Anything else (sockets, fifos, devices) is left out.
 */
export async function walkSource(root: string, what: string): Promise<FoundFile[]> {
  const top = await realpath(root);
  const out: FoundFile[] = [];
  const refused: string[] = [];
  const refuse = (link: string, target: string, why: string) => {
    refused.push(`${relativeName(root, link)} → ${target}, ${why}`);
  };
  // `ancestors` are the real paths of the folders being walked: a link to one of them is a cycle.
  const walk = async (dir: string, ancestors: readonly string[]) => {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const link = await lstat(path);
      if (!link.isSymbolicLink()) {
        const real = join(ancestors.at(-1)!, name);
        if (link.isDirectory()) await walk(path, [...ancestors, real]);
        else if (link.isFile()) out.push(found(root, path, path, real, link));
        continue;
      }
      const target = await readlink(path);
      const real = await realpath(path).catch(() => undefined);
      if (real === undefined) {
        refuse(path, target, 'which points to nothing');
        continue;
      }
      if (!inside(top, real)) {
        refuse(path, target, `which leads outside it (to ${real})`);
        continue;
      }
      const info = await stat(real);
      if (info.isDirectory()) {
        if (ancestors.some((folder) => inside(real, folder))) {
          refuse(path, target, 'which points to a folder that contains it (a cycle)');
          continue;
        }
        await walk(path, [...ancestors, real]);
      } else if (info.isFile()) out.push(found(root, path, real, real, info));
    }
  };
  await walk(root, [top]);
  if (refused.length > 0) {
    const listed = refused.slice(0, MAX_LISTED_LINKS).join('; ');
    const more = refused.length > MAX_LISTED_LINKS ? `; and ${refused.length - MAX_LISTED_LINKS} more` : '';
    throw new ValidationFailedError(
      'LinkRefused',
      refused.length === 1
        ? `the ${what} ${root} contains a symbolic link ${listed}`
        : `the ${what} ${root} contains ${refused.length} symbolic links omnix refuses: ${listed}${more}`,
      {
        hint: 'Only links to files and folders inside the source folder are followed: remove each link, or replace it with a copy of what it points to inside the folder.',
      },
    );
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const found = (
  root: string,
  path: string,
  file: string,
  real: string,
  info: Pick<FoundFile, 'dev' | 'ino' | 'mode' | 'size' | 'mtimeMs' | 'ctimeMs'>,
): FoundFile => ({
  path: relative(root, path).split(sep).join(posix.sep),
  file,
  real,
  dev: info.dev,
  ino: info.ino,
  mode: info.mode,
  size: info.size,
  mtimeMs: info.mtimeMs,
  ctimeMs: info.ctimeMs,
});

/** Whether `path` is `folder` or below it (both real paths). */
function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

const relativeName = (root: string, path: string) => relative(root, path).split(sep).join(posix.sep);
