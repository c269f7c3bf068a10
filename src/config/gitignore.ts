import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What `omnix init` did about `.omnix/` (local state, caches, the sandbox's data) in the project's .gitignore. */
export type GitignoreOutcome = 'created' | 'added' | 'already-ignored';

const ENTRY = '.omnix/';
/** Lines of a .gitignore that already keep `.omnix/` out (a broader pattern such as `.*` is not read). */
const IGNORES_OMNIX = /^\/?\.omnix\/?(\*\*)?$/;

/** Adds `.omnix/` to the .gitignore at `root`, creating the file when there is none. */
export async function ignoreOmnixFolder(root: string): Promise<GitignoreOutcome> {
  const file = join(root, '.gitignore');
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) {
    await writeFile(file, `# omnix: local state, caches and the sandbox's data\n${ENTRY}\n`);
    return 'created';
  }
  if (text.split(/\r?\n/).some((line) => IGNORES_OMNIX.test(line.trim()))) return 'already-ignored';
  await writeFile(file, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${ENTRY}\n`);
  return 'added';
}
