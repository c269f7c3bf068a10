// Runs one whole process and measures it from the outside: wall time from spawn to exit, and, sampled
// from /proc while it runs, its peak resident memory (VmHWM) and the bytes it made the kernel write to
// storage (write_bytes). Asynchronous, so a sandbox in another process keeps being served meanwhile.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const SAMPLE_MS = 25;

/** Processes running now, for the entry script to end when it is interrupted. */
export const running = new Set();

function readProc(pid) {
  const sample = {};
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (hwm) sample.peakRssBytes = Number(hwm[1]) * 1024;
    const written = /write_bytes:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    if (written) sample.writeBytes = Number(written[1]);
  } catch {
    // Gone already, or no /proc (not Linux): the last sample stands.
  }
  return sample;
}

/**
 * Resolves with `{ seconds, code, stdout, stderr, peakRssBytes?, writeBytes? }`; `check` (default
 * true) rejects when the process exits non-zero, quoting its output.
 */
export function runProcess(command, args, { cwd, env, check = true } = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let stdout = '';
    let stderr = '';
    let last = {};
    const sample = () => {
      const now = readProc(child.pid);
      last = {
        peakRssBytes: Math.max(last.peakRssBytes ?? 0, now.peakRssBytes ?? 0) || undefined,
        writeBytes: now.writeBytes ?? last.writeBytes,
      };
    };
    const timer = setInterval(sample, SAMPLE_MS);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => {
      clearInterval(timer);
      running.delete(child);
      reject(error);
    });
    // 'exit' (not 'close'): the time ends when the process does, not when its pipes drain.
    child.on('exit', (code, signal) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      clearInterval(timer);
      running.delete(child);
      child.on('close', () => {
        const result = { seconds, code, signal, stdout, stderr, ...last };
        if (check && code !== 0) {
          const output = `${stdout}\n${stderr}`.trim().split('\n').slice(-15).join('\n');
          reject(new Error(`${command} ${args.join(' ')} exited ${code ?? signal}:\n${output}`));
        } else resolve(result);
      });
    });
    sample();
  });
}
