import { main } from '../../src/cli/main.js';
import type { BinName } from '../../src/cli/program.js';

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  cwd: string;
  env?: Record<string, string>;
  bin?: BinName;
  /** Pretend stdin and stdout are a terminal. */
  tty?: boolean;
  /** Answers given, in order, to the prompts a terminal would show; the questions are recorded. */
  answers?: string[];
  questions?: string[];
  /** What the prompt's validation said about each answer it refused. */
  refusals?: string[];
}

/** Runs the CLI in process, as a user would from `cwd`, and captures what it prints. */
export async function runCli(args: string[], options: RunCliOptions): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const exitCode = await main(
    args,
    {
      stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false },
      stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false },
      stdinIsTTY: options.tty ?? false,
      env: { ...options.env },
      cwd: options.cwd,
      ask: async (question) => {
        // Like the terminal's prompt: an answer its validation refuses is asked again.
        for (;;) {
          options.questions?.push(question.message);
          const given = options.answers?.shift();
          if (given === undefined) throw new Error(`unexpected prompt: ${question.message}`);
          const answer = given === '' ? (question.default ?? '') : given;
          const verdict = question.validate?.(answer) ?? true;
          if (verdict === true) return answer;
          options.refusals?.push(verdict);
        }
      },
    },
    options.bin,
  );
  return { exitCode, stdout, stderr };
}
