import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { type FileHandle, open, readlink } from 'node:fs/promises';
import { OmnixError } from '../../core/errors.js';
import type { FoundFile } from './walk-source.js';

// Not every platform has O_NOFOLLOW; the checks after opening still refuse a swapped file there.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * The content of a file found by `walkSource`, read only if the path still names that same file: a
 * file replaced since (by a link to somewhere else, or by a new file) is refused, not read.
 */
export async function readFound(
  found: Pick<FoundFile, 'file' | 'path' | 'real' | 'dev' | 'ino'>,
): Promise<Buffer> {
  return withFound(found, (handle) => handle.readFile());
}

/**
 * Runs `use` on the open file found by `walkSource`, only if the path still names that same file (see
 * `readFound`); `info` is its state now, from the open descriptor.
 */
export async function withFound<T>(
  found: Pick<FoundFile, 'file' | 'path' | 'real' | 'dev' | 'ino'>,
  use: (handle: FileHandle, info: Stats) => Promise<T>,
): Promise<T> {
  const handle = await open(found.file, constants.O_RDONLY | NO_FOLLOW).catch((error: Error) => {
    throw changed(found, error);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.dev !== found.dev || info.ino !== found.ino) throw changed(found);
    // A folder on the way swapped for a link between finding and opening would pass the inode check
    // when it was swapped before the stat too: where the kernel actually opened the file tells.
    const opened = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
    if (opened !== undefined && opened !== found.real) throw changed(found);
    return await use(handle, info);
  } finally {
    await handle.close();
  }
}

/** A regular file's content, never through a link at its own name. */
export async function readRegularFile(
  found: Pick<FoundFile, 'file' | 'path'>,
): Promise<{ bytes: Buffer; info: Stats; opened?: string }> {
  const handle = await open(found.file, constants.O_RDONLY | NO_FOLLOW).catch((error: Error) => {
    throw changed(found, error);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw changed(found);
    // Linux names the file an open descriptor refers to; elsewhere there is no such name.
    const opened = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
    return { bytes: await handle.readFile(), info, ...(opened === undefined ? {} : { opened }) };
  } finally {
    await handle.close();
  }
}

/** A build output was replaced or changed after it was read for the plan. */
export function changed(found: Pick<FoundFile, 'path'>, cause?: unknown): OmnixError {
  return new OmnixError(
    'ArtifactChanged',
    `${found.path} changed after it was read for the plan (its content, or it was replaced, removed or made a link)`,
    {
      hint: 'Something (a build?) is writing to the build output while omnix deploys it: let it finish, then deploy again.',
      ...(cause === undefined ? {} : { cause }),
    },
  );
}
