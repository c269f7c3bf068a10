import { open } from 'node:fs/promises';
import type { ConfigIssue } from '../core/errors.js';
import { YAML_LIMITS } from './yaml-limits.js';

/**
 * Reads a configuration file as text, or says why it cannot be one: a folder, unreadable, or larger
 * than a configuration file may be (checked before reading, so a huge file is never loaded).
 */
export async function readConfigFile(
  path: string,
  shown: string,
  maxBytes = YAML_LIMITS.maxBytes,
): Promise<{ text: string } | { issue: ConfigIssue }> {
  const issue = (message: string, hint: string) => ({ issue: { source: shown, path: '', message, hint } });
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return issue(
      `cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'Check that the file exists and can be read.',
    );
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory())
      return issue(
        `${shown} is a folder, not a configuration file`,
        `Remove the folder, or put the environment's settings in a file of that name.`,
      );
    if (!stats.isFile())
      return issue(`${shown} is not a regular file`, 'A configuration file must be a plain YAML file.');
    if (stats.size > maxBytes)
      return issue(
        `${shown} has ${stats.size} bytes; a configuration file may have at most ${maxBytes}`,
        'A configuration this large is not what omnix expects: split it, or generate less.',
      );
    return { text: await handle.readFile('utf8') };
  } catch (error) {
    return issue(
      `cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'Check that the file can be read.',
    );
  } finally {
    await handle.close();
  }
}
