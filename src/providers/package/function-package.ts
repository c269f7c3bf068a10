import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { type Zippable, zipSync } from 'fflate';
import { OmnixError, UsageError } from '../../core/errors.js';

/** A Lambda deployment package and what identifies it. */
export interface FunctionPackage {
  zip: Buffer;
  /** Base64 SHA-256 of the zip: what Lambda reports as CodeSha256. */
  codeSha256: string;
  files: number;
  unzippedBytes: number;
}

/**
 * Every entry gets this timestamp, so only content decides the bytes of the zip. ZIP stores local
 * (DOS) time, so it is built from local fields: the same bytes in every time zone.
 */
const FIXED_TIME = new Date(1980, 0, 1, 12, 0, 0);
const UNIX = 3;
const FILE_MODE = 0o100644;
const EXECUTABLE_MODE = 0o100755;

/**
 * Packages a function's source: a `.zip` file as it is, or a folder zipped deterministically (entries
 * sorted, fixed timestamps, modes normalized to 644/755), so unchanged code has an unchanged
 * CodeSha256 and is not redeployed, whatever the file times, the order of the disk or the umask.
 */
export async function packageFunction(source: string): Promise<FunctionPackage> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(source);
  } catch (error) {
    throw new UsageError('ArtifactMissing', `the function source ${source} does not exist`, {
      hint: 'Build the function first, or fix its `source` in the configuration.',
      cause: error,
    });
  }
  if (info.isFile()) {
    if (!source.endsWith('.zip')) {
      throw new UsageError('ArtifactInvalid', `the function source ${source} is a file but not a .zip`, {
        hint: 'Point `source` at the folder with the code, or at a .zip.',
      });
    }
    const zip = await readFile(source);
    return { zip, codeSha256: sha256(zip), files: 0, unzippedBytes: 0 };
  }
  const entries: Zippable = {};
  let files = 0;
  let unzippedBytes = 0;
  for (const path of await listFiles(source)) {
    const file = await stat(path);
    const bytes = await readFile(path);
    const name = relative(source, path).split(sep).join(posix.sep);
    entries[name] = [
      bytes,
      { mtime: FIXED_TIME, os: UNIX, attrs: ((file.mode & 0o111 ? EXECUTABLE_MODE : FILE_MODE) << 16) >>> 0 },
    ];
    files++;
    unzippedBytes += bytes.length;
  }
  if (files === 0) {
    throw new UsageError('ArtifactEmpty', `the function source ${source} is an empty folder`, {
      hint: 'Build the function first.',
    });
  }
  const zip = Buffer.from(zipSync(entries, { level: 6 }));
  return { zip, codeSha256: sha256(zip), files, unzippedBytes };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');

/** Every file below `root`, sorted by path; links to files are followed, links to folders refused. */
async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      const path = join(dir, name);
      const link = await lstat(path);
      const target = link.isSymbolicLink() ? await stat(path) : link;
      if (target.isDirectory()) {
        if (link.isSymbolicLink()) {
          throw new OmnixError(
            'ArtifactInvalid',
            `the function source contains a link to a folder: ${path}`,
            {
              hint: 'Copy the folder in, or build into a plain folder.',
            },
          );
        }
        await walk(path);
      } else if (target.isFile()) out.push(path);
    }
  };
  await walk(root);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
