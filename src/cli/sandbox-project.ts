import { join } from 'node:path';
import { locateConfig } from '../config/location.js';
import {
  processAlive,
  readSandboxInfo,
  type SandboxProcessInfo,
  sandboxHealthy,
} from '../sandbox/control.js';
import type { CommandContext } from './io.js';

/** The project the sandbox belongs to: where its state file and default data folder live. */
export function projectRoot(context: CommandContext): string {
  try {
    return locateConfig(context.configDir).projectRoot;
  } catch {
    return context.configDir;
  }
}

/** Where a running sandbox of the project leaves its pid, port and endpoint. */
export const sandboxInfoFile = (root: string) => join(root, '.omnix', 'sandbox.json');

/** The project's sandbox, if its process is alive and it answers. */
export async function runningSandbox(context: CommandContext): Promise<SandboxProcessInfo | undefined> {
  const info = readSandboxInfo(sandboxInfoFile(projectRoot(context)));
  return info && processAlive(info.pid) && (await sandboxHealthy(info.endpoint)) ? info : undefined;
}
