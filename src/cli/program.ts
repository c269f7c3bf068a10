import { resolve } from 'node:path';
import { Command } from 'commander';
import { type CliIo, type CommandContext, createContext } from './io.js';
import { addOrchestratorCommands } from './orchestrator.js';
import { colorEnabled } from './style.js';
import { COMMANDS, type CommandSpec } from './table/index.js';

export type BinName = 'omnix' | 'orchestrator';

export interface RunState {
  exitCode: number;
}

export function buildProgram(bin: BinName, io: CliIo, version: string, state: RunState): Command {
  const program = new Command(bin)
    .description('OMNIX Deploy: deploy a serverless web app to AWS from one validated configuration.')
    .version(version, '--version', 'print the version')
    .option('--config-dir <dir>', 'project root or its config/ folder (default: the current folder)')
    .option('--json', 'machine-readable output on stdout')
    .option('--debug', 'show stack traces and causes of errors')
    .option('--no-color', 'plain output without colours')
    .option('-y, --yes', 'assume yes at confirmations (needed without a terminal)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Errors are rendered by main(), in text or JSON.
      outputError: () => {},
    })
    .showSuggestionAfterError(true)
    .helpCommand(false)
    .addHelpText(
      'after',
      `\nExit codes: 0 success, 1 deployment failed or declined, 2 bad usage or configuration, 3 validation failed or refused, 4 locked, 5 waiting for approval (nothing changed), 130 interrupted.\nRun '${bin} <command> --help' for a command's options and examples.`,
    );

  for (const spec of COMMANDS) addCommand(program, spec, io, state);

  if (bin === 'orchestrator')
    addOrchestratorCommands(program, (parent, spec, configure) =>
      configure ? configureCommand(parent, spec, io, state) : addCommand(parent, spec, io, state),
    );
  return program;
}

function addCommand(parent: Command, spec: CommandSpec, io: CliIo, state: RunState): void {
  configureCommand(parent.command(spec.name).description(spec.summary), spec, io, state);
}

function configureCommand(command: Command, spec: CommandSpec, io: CliIo, state: RunState): void {
  if (spec.arguments) command.arguments(spec.arguments);
  for (const option of spec.options ?? []) command.option(option.flags, option.description, option.default);
  if (spec.examples?.length) {
    command.addHelpText(
      'after',
      `\nExamples:\n${spec.examples.map((example) => `  $ ${example}`).join('\n')}`,
    );
  }
  for (const sub of spec.subcommands ?? []) addCommand(command, sub, io, state);
  const run = spec.run;
  if (!run) return;
  command.action(async (...params: unknown[]) => {
    const self = params.at(-1) as Command;
    const globals = self.optsWithGlobals() as Record<string, unknown>;
    const context = createContext(io, {
      configDir: resolve(io.cwd, typeof globals.configDir === 'string' ? globals.configDir : '.'),
      json: globals.json === true,
      debug: globals.debug === true,
      color: colorEnabled(globals.color !== false, io.stdout, io.env),
      yes: globals.yes === true,
    });
    state.exitCode = await run(context, self.processedArgs as string[], self.opts());
  });
}
