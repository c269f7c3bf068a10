import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../../bin/omnix.js');

/** Cursor moves, colours, and title sequences: what a terminal interprets and a test does not want to see. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escapes is the point
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()#][0-9A-Za-z]|\x1b[=>78]|\r/g;

export const plain = (text: string): string => text.replace(ESCAPES, '');

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

export const KEYS = { enter: '\r', ctrlC: '\x03' } as const;

export interface PtySession {
  /** Everything printed so far, escapes removed. */
  output(): string;
  /** Waits until the output printed since the last match contains `text`; fails when the command ends first. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Sends keystrokes to the terminal, as typed. */
  type(keys: string): void;
  /** The exit code and the whole output once the command has ended. */
  exited: Promise<{ code: number | null; output: string }>;
}

/**
 * Runs the built `omnix` on a real pseudo-terminal (util-linux `script`), so stdin and stdout are a TTY
 * to it: prompts, raw-mode keys and Ctrl-C (which the terminal turns into SIGINT) behave as for a person.
 */
export function onTerminal(args: string[], cwd: string, env: Record<string, string>): PtySession {
  const command = ['exec', quote(process.execPath), quote(BIN), ...args.map(quote)].join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd,
    env: { ...env, SHELL: '/bin/sh', TERM: 'xterm-256color', COLUMNS: '160', LINES: '50' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  let searchedUpTo = 0;
  let ended = false;
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    changed();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    changed();
  });
  const exited = new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      ended = true;
      changed();
      child.stdin.end();
      resolve({ code, output: plain(raw) });
    });
  });
  return {
    output: () => plain(raw),
    waitFor: (text, timeoutMs = 120_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          const output = plain(raw);
          const rest = output.slice(searchedUpTo);
          const index = typeof text === 'string' ? rest.indexOf(text) : rest.search(text);
          if (index >= 0) {
            searchedUpTo += index + 1;
            done();
            resolve();
          } else if (ended) {
            done();
            reject(new Error(`the command ended before printing ${String(text)}:\n${output}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${String(text)} after ${timeoutMs} ms:\n${plain(raw)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      }),
    type: (keys) => {
      child.stdin.write(keys);
    },
    exited,
  };
}
