import { execFile } from 'node:child_process';

/** What a git command printed, or undefined when git is missing or the command failed. */
function git(dir: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    // No shell: the folder and arguments are passed as they are.
    execFile(
      'git',
      ['-C', dir, ...args],
      { timeout: 10_000, maxBuffer: 64 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout) => resolve(error ? undefined : stdout.trim()),
    );
  });
}

/** The top folder of the git work tree holding `dir`, or undefined outside one. */
export const gitRoot = (dir: string) => git(dir, ['rev-parse', '--show-toplevel']);

/** The URL of the remote `origin`, or undefined when there is none. */
export const originUrl = (dir: string) => git(dir, ['remote', 'get-url', 'origin']);
