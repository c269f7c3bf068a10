// The built-in sandbox in a process of its own (in memory, on a free port), so that the processes
// measured talk to it as they would to AWS and this script's own event loop is not what serves them.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const server = fileURLToPath(new URL('../../dist/sandbox/server.js', import.meta.url));
const script = `
import { startSandbox } from ${JSON.stringify(server)};
const sandbox = await startSandbox({ port: 0 });
process.stdout.write(JSON.stringify({ endpoint: sandbox.endpoint }) + '\\n');
const stop = async () => { await sandbox.stop(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
`;

/** Starts a sandbox; resolves with `{ endpoint, requests(), stop() }`. */
export function startSandboxProcess() {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    exited.then((code) => reject(new Error(`the sandbox exited (${code}) before it answered`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (!out.includes('\n')) return;
      const { endpoint } = JSON.parse(out.slice(0, out.indexOf('\n')));
      resolve({
        endpoint,
        pid: child.pid,
        /** Every AWS request the sandbox has answered so far. */
        requests: async () =>
          Object.values(await (await fetch(`${endpoint}/_omnix/stats`)).json()).reduce((a, n) => a + n, 0),
        stop: async () => {
          if (child.exitCode !== null) return;
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
