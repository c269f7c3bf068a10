import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { freePort } from './free-port.js';

/** Why moto cannot run here, or undefined when `python3 -m moto.server` is available. */
export function motoUnavailable(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import moto.server, flask'], { encoding: 'utf8' });
  if (probe.error) return `python3 is not installed (${probe.error.message})`;
  if (probe.status !== 0)
    return `python3 has no moto server (pip install 'moto[server]'): ${probe.stderr.trim().split('\n').at(-1)}`;
  return undefined;
}

export interface Moto {
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts `python3 -m moto.server` on a free loopback port and waits until it answers. */
export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto exited (${child.exitCode}): ${stderr}`);
    const up = await fetch(`${endpoint}/moto-api/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`moto did not answer on ${endpoint} within 60 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    endpoint,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
