import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigLocation } from '../location.js';
import type { StateSettings } from '../schema/state.js';

/** Where an environment keeps its state, read without the rest of its configuration. */
export interface StateOnly {
  environment: string;
  location: ConfigLocation;
  state: Extract<StateSettings, { backend: 'file' }>;
}

/** A file written this close (ms) to when it was remembered could change again unnoticed: not remembered. */
const RACY_MS = 2000;

interface FileIdentity {
  path: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

const identity = async (path: string): Promise<FileIdentity> => {
  const info = await stat(path);
  return { path, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
};

const cacheFile = (projectRoot: string, environment: string) =>
  join(projectRoot, '.omnix', 'cache', `state-section-${environment}.json`);

/**
 * The state section read from these exact configuration files before (same size, times and inode),
 * so `status`, `history` and `lock` need not parse YAML nor load the schema again. Anything unreadable
 * or different is a miss.
 */
export async function rememberedState(
  files: readonly string[],
  projectRoot: string,
  environment: string,
): Promise<StateOnly['state'] | undefined> {
  try {
    const stored = JSON.parse(await readFile(cacheFile(projectRoot, environment), 'utf8')) as {
      files: FileIdentity[];
      state: StateOnly['state'];
    };
    const now = await Promise.all(files.map(identity));
    const same =
      stored.files.length === now.length &&
      now.every((file, index) => JSON.stringify(file) === JSON.stringify(stored.files[index]));
    return same && stored.state?.backend === 'file' && typeof stored.state.path === 'string'
      ? stored.state
      : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the state section validated from `files` (best effort: a failure only costs the next command a parse). */
export async function rememberState(
  files: readonly string[],
  projectRoot: string,
  environment: string,
  state: StateOnly['state'],
): Promise<void> {
  try {
    const identities = await Promise.all(files.map(identity));
    const written = Math.max(...identities.map((file) => Math.max(file.mtimeMs, file.ctimeMs)));
    if (written > Date.now() - RACY_MS) return;
    const file = cacheFile(projectRoot, environment);
    await mkdir(join(projectRoot, '.omnix', 'cache'), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify({ files: identities, state }));
    await rename(temporary, file);
  } catch {
    // Not remembered: the next command reads the files again.
  }
}
