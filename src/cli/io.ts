import { type Ask, terminalAsk } from './prompt.js';

/** Everything the CLI touches of the outside world; tests pass their own. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdinIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Asks a person for a line of text; on the terminal @inquirer/prompts, loaded on first use. */
  ask: Ask;
  /**
   * Ctrl-C while a command runs: calls `handler` instead of ending the process at once; returns the
   * function that stops listening. Unset: nothing to listen to (tests in process).
   */
  onInterrupt?: (handler: () => void) => () => void;
}

export function processIo(): CliIo {
  // `omnix config show prod | head`: the reader left, so stop quietly instead of crashing on EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    ask: terminalAsk,
    onInterrupt: (handler) => {
      let heard = false;
      // A second Ctrl-C while the first is being dealt with (a state store that does not answer): leave now.
      const listener = () => {
        if (heard) process.exit(130);
        heard = true;
        handler();
      };
      process.on('SIGINT', listener);
      return () => process.off('SIGINT', listener);
    },
  };
}

/** Global options, normalized once. */
export interface GlobalOptions {
  /** Project root or its config folder. */
  configDir: string;
  json: boolean;
  debug: boolean;
  color: boolean;
  yes: boolean;
}

/** What a command handler gets: the options, a way to print, and whether a person is there to ask. */
export interface CommandContext extends GlobalOptions {
  io: CliIo;
  /** A person at a terminal who can answer prompts (not CI, not piped). */
  interactive: boolean;
  print(text?: string): void;
  printJson(value: unknown): void;
  warn(text: string): void;
}

export function createContext(io: CliIo, options: GlobalOptions): CommandContext {
  const ci = io.env.CI !== undefined && io.env.CI !== '' && io.env.CI !== 'false';
  return {
    ...options,
    io,
    interactive: io.stdinIsTTY && io.stdout.isTTY === true && !ci && !options.json,
    print: (text = '') => {
      io.stdout.write(`${text}\n`);
    },
    printJson: (value) => {
      io.stdout.write(`${JSON.stringify(value)}\n`);
    },
    warn: (text) => {
      io.stderr.write(`${text}\n`);
    },
  };
}
