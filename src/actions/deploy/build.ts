import { spawn } from 'node:child_process';
import { ValidationFailedError } from '../../core/errors.js';

/** Runs a build command from the project root; a failure stops the deployment before any change. */
export function runBuild(
  what: string,
  command: string,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      cwd,
      shell: true,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) =>
      reject(
        new ValidationFailedError('BuildFailed', `the ${what} build could not start: ${error.message}`, {
          cause: error,
        }),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const tail = output.trim().split('\n').slice(-10).join('\n');
      reject(
        new ValidationFailedError(
          'BuildFailed',
          `the ${what} build (${command}) exited with ${code}${tail ? `:\n${tail}` : ''}`,
          { hint: 'Fix the build; nothing was deployed.' },
        ),
      );
    });
  });
}
