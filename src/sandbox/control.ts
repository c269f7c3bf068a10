import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What a running sandbox leaves behind so that `status` and `stop` can find it. */
export interface SandboxProcessInfo {
  pid: number;
  port: number;
  endpoint: string;
  dataDir: string;
  startedAt: string;
  /** What `--bootstrap <env>` created, and where the environment is served. */
  bootstrap?: {
    environment: string;
    created: string[];
    existing: string[];
    siteUrl?: string;
    apiUrl?: string;
  };
}

export async function writeSandboxInfo(file: string, info: SandboxProcessInfo): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(info, null, 2)}\n`);
}

export function readSandboxInfo(file: string): SandboxProcessInfo | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SandboxProcessInfo;
  } catch {
    return undefined;
  }
}

export function removeSandboxInfo(file: string, pid: number): void {
  // Only the owner removes it: a newer sandbox may have replaced the file meanwhile.
  if (readSandboxInfo(file)?.pid === pid) rmSync(file, { force: true });
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the sandbox at `endpoint` answers its health check. */
export async function sandboxHealthy(endpoint: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/_omnix/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  } catch {
    return false;
  }
}
