import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { type Zippable, zipSync } from 'fflate';
import { UsageError } from '../../core/errors.js';
import { readFound } from './read-found.js';
import { walkSource } from './walk-source.js';

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
 * Symbolic links are followed only inside the folder (see `walkSource`). The zip is built once, in
 * memory: the bytes uploaded are the bytes hashed.
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
  for (const found of await walkSource(source, 'function source')) {
    const bytes = await readFound(found);
    entries[found.path] = [
      bytes,
      {
        mtime: FIXED_TIME,
        os: UNIX,
        attrs: ((found.mode & 0o111 ? EXECUTABLE_MODE : FILE_MODE) << 16) >>> 0,
      },
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
