import { readFileSync } from 'node:fs';
import { type Command, CommanderError } from 'commander';
import { ExitCode, toOmnixError, UsageError } from '../core/errors.js';
import { type CliIo, processIo } from './io.js';
import { type BinName, buildProgram, type RunState } from './program.js';
import { errorToJson, renderError } from './render/error.js';
import { colorEnabled, createStyle } from './style.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * Runs one command line and returns its exit code. The only place that catches errors for the user:
 * message and hint always, the stack only with --debug, JSON with --json.
 */
export async function main(
  argv: readonly string[],
  io: CliIo = processIo(),
  bin: BinName = 'omnix',
): Promise<number> {
  const state: RunState = { exitCode: ExitCode.Ok };
  const flags = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  // Commander prints --version as plain text, before it has seen a later --json: answer that pair here.
  if (flags.includes('--version') && flags.includes('--json')) {
    io.stdout.write(`${JSON.stringify({ version: packageVersion() })}\n`);
    return ExitCode.Ok;
  }
  const program = buildProgram(bin, io, packageVersion(), state);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (thrown) {
    let error = thrown;
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.Ok;
      // A command group run without a subcommand: commander printed its help.
      if (error.code === 'commander.help') return ExitCode.Usage;
      const command = commandPath(program, argv);
      error = new UsageError('BadUsage', error.message.replace(/^error: /, '').replace(/\n/g, ' '), {
        hint: command
          ? `Run '${bin} ${command} --help' to see its arguments and options.`
          : `Run '${bin} --help' to see the commands and options.`,
      });
    }
    const omnix = toOmnixError(error);
    if (argv.includes('--json')) {
      io.stdout.write(`${JSON.stringify(errorToJson(omnix))}\n`);
    } else {
      const style = createStyle(colorEnabled(!argv.includes('--no-color'), io.stderr, io.env));
      io.stderr.write(`${renderError(omnix, style, argv.includes('--debug'))}\n`);
    }
    if (io.env.GITHUB_ACTIONS === 'true')
      await (await import('./render/github-hooks.js')).githubError(io, omnix);
    return omnix.exitCode;
  }
}

/** The (sub)command `argv` names, as typed (`deploy`, `config validate`), or '' for none. */
function commandPath(program: Command, argv: readonly string[]): string {
  const names: string[] = [];
  let command = program;
  for (const arg of argv) {
    if (arg === '--') break;
    const sub = command.commands.find(
      (candidate) => candidate.name() === arg || candidate.aliases().includes(arg),
    );
    if (sub) {
      names.push(sub.name());
      command = sub;
    } else if (!arg.startsWith('-') && names.length > 0) break;
  }
  return names.join(' ');
}
