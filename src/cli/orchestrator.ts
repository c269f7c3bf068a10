import type { Command } from 'commander';
import { AGENT } from './table/agent.js';
import { ORCHESTRATOR_OPTIMIZE } from './table/agent-insight.js';
import { COMMANDS, type CommandSpec } from './table/index.js';

/**
 * The original task list's verbs, accepted by `orchestrator`: each (one word, or a verb and its object
 * such as `fix deployment-failures`) is exactly the omnix command it names, with its arguments and
 * options. `deploy` and `rollback` need no entry: they have the same name. An alias that names an
 * existing command (`workflow <name>`) becomes that command's action when no subcommand is given.
 */
export const ORCHESTRATOR_ALIASES: Record<string, string[]> = {
  'deploy-status': ['status'],
  'deploy-history': ['history'],
  'validate-deployment': ['validate'],
  workflow: ['workflow', 'run'],
};

/** The command spec at `path` (`['workflow', 'run']`) of the omnix table. */
export function findSpec(path: readonly string[]): CommandSpec {
  let specs = COMMANDS;
  let found: CommandSpec | undefined;
  for (const name of path) {
    found = specs.find((spec) => spec.name === name);
    if (!found) throw new Error(`orchestrator alias names no omnix command: ${path.join(' ')}`);
    specs = found.subcommands ?? [];
  }
  return found!;
}

/** `orchestrator fix deployment-failures <env>` is `omnix agent fix <env>`. */
const FIX: CommandSpec = {
  name: 'fix',
  summary: 'Fix what went wrong (= orchestrator agent fix)',
  subcommands: [
    {
      ...AGENT.subcommands!.find((sub) => sub.name === 'fix')!,
      name: 'deployment-failures',
      examples: ['orchestrator fix deployment-failures staging'],
    },
  ],
};

/** Adds `spec` under `parent`, or (`configure`) makes `parent` itself run it. */
type Attach = (parent: Command, spec: CommandSpec, configure?: boolean) => void;

/** What `orchestrator` answers to beyond omnix's own commands: the seed's verbs, each an omnix command. */
export function addOrchestratorCommands(program: Command, attach: Attach): void {
  attach(program, ORCHESTRATOR_OPTIMIZE);
  attach(program, FIX);
  for (const [alias, target] of Object.entries(ORCHESTRATOR_ALIASES)) {
    const spec = findSpec(target);
    const words = alias.split(' ');
    let parent: Command = program;
    for (const word of words.slice(0, -1))
      parent = parent.commands.find((command) => command.name() === word) ?? parent.command(word);
    const name = words.at(-1)!;
    const existing = parent.commands.find((command) => command.name() === name);
    const aliased = {
      ...spec,
      name,
      summary: `${spec.summary} (= orchestrator ${target.join(' ')})`,
      subcommands: [],
    };
    if (existing) attach(existing, { ...aliased, examples: [] }, true);
    else attach(parent, aliased);
  }
}
