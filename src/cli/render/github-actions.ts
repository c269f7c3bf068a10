import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { CliIo } from '../io.js';

/** A workflow command's message, as GitHub documents escaping it: `%`, CR and LF. */
export const escapeData = (text: string) =>
  text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** A workflow command's property value: as a message, and `:` and `,` too. */
export const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** Where an annotation points: a file of the repository, and a line and column in it. */
export interface Annotation {
  file?: string;
  line?: number;
  col?: number;
  title?: string;
}

/** What omnix tells a GitHub Actions runner besides its usual output. */
export interface GithubActions {
  /** An error, warning or notice shown on the run (and on the file's line in a pull request). */
  annotate(level: 'error' | 'warning' | 'notice', message: string, at?: Annotation): void;
  /** Hides `secret` in every later line of the job's log. */
  mask(secret: string): void;
  /** Appends Markdown to the job's summary (`$GITHUB_STEP_SUMMARY`). */
  summary(markdown: string): Promise<void>;
  /** Sets the step's outputs (`$GITHUB_OUTPUT`); undefined values are left out. */
  outputs(values: Record<string, string | undefined>): Promise<void>;
  /** The repository path an annotation names for a path omnix shows, or undefined when it is no file. */
  file(source: string): string | undefined;
}

/** GitHub shows no more of an annotation; a longer message is cut here. */
const LONGEST_MESSAGE = 4000;
/** GitHub takes at most 1 MiB of summary per step; one append stays well below. */
const LARGEST_SUMMARY = 256 * 1024;
const LARGEST_OUTPUT = 64 * 1024;
const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * The runner's side channels when `GITHUB_ACTIONS=true`, else undefined. Workflow commands go to
 * standard error, which the runner reads as it reads standard output, so `--json` output stays JSON.
 */
export function githubActions(io: CliIo): GithubActions | undefined {
  const env = io.env;
  if (env.GITHUB_ACTIONS !== 'true') return undefined;
  const command = (
    name: string,
    properties: Record<string, string | number | undefined>,
    message: string,
  ) => {
    const props = Object.entries(properties)
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
      .join(',');
    io.stderr.write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}\n`);
  };
  // What the runner gives to write to is not worth failing a command over: a deployment that succeeded did.
  const append = (path: string, text: string, name: string) =>
    appendFile(path, text).catch((error: Error) =>
      command('warning', { title: 'omnix' }, `could not write $${name}: ${error.message}`),
    );
  return {
    annotate(level, message, at = {}) {
      const text = message.length > LONGEST_MESSAGE ? `${message.slice(0, LONGEST_MESSAGE)}…` : message;
      command(level, { file: at.file, line: at.line, col: at.col, title: at.title }, text);
    },
    mask(secret) {
      // A value spanning lines is masked line by line too: the log shows it a line at a time.
      for (const part of new Set([secret, ...secret.split(/\r?\n/)]))
        if (part.trim().length >= 4) command('add-mask', {}, part);
    },
    async summary(markdown) {
      if (!env.GITHUB_STEP_SUMMARY) return;
      const text =
        markdown.length > LARGEST_SUMMARY
          ? `${markdown.slice(0, LARGEST_SUMMARY)}\n\n… (cut: the rest would not fit a job summary)\n`
          : markdown;
      await append(env.GITHUB_STEP_SUMMARY, `${text.trimEnd()}\n\n`, 'GITHUB_STEP_SUMMARY');
    },
    async outputs(values) {
      if (!env.GITHUB_OUTPUT) return;
      let text = '';
      for (const [name, value] of Object.entries(values)) {
        if (value === undefined || !OUTPUT_NAME.test(name)) continue;
        const capped = value.slice(0, LARGEST_OUTPUT);
        // GitHub's multiline form: a delimiter no value can contain ends the value.
        let delimiter = `ghadelimiter_${randomUUID()}`;
        while (capped.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
        text += `${name}<<${delimiter}\n${capped}\n${delimiter}\n`;
      }
      if (text) await append(env.GITHUB_OUTPUT, text, 'GITHUB_OUTPUT');
    },
    file(source) {
      if (!/\.(ya?ml|json)$/.test(source)) return undefined;
      const absolute = resolve(io.cwd, source);
      const workspace = env.GITHUB_WORKSPACE;
      if (!workspace) return source;
      const path = relative(workspace, absolute);
      return path.startsWith('..') || isAbsolute(path) ? source : path.split(sep).join('/');
    },
  };
}
