import type { CommandContext } from '../io.js';

export interface OptionSpec {
  flags: string;
  description: string;
  default?: string | boolean;
}

/** One command as data: commander is configured from this table, and handlers load on first use. */
export interface CommandSpec {
  name: string;
  summary: string;
  arguments?: string;
  options?: OptionSpec[];
  examples?: string[];
  subcommands?: CommandSpec[];
  run?: (context: CommandContext, args: string[], options: Record<string, unknown>) => Promise<number>;
}

/** What every command that changes an environment takes. */
export const WAIT_FOR_LOCK: OptionSpec = {
  flags: '--wait-for-lock <duration>',
  description: 'wait up to this long (30s, 10m) for another deployment to finish instead of exiting 4',
};

/** What `plan` and `deploy` both take. */
export const PLAN_OPTIONS: OptionSpec[] = [
  { flags: '--only <component>', description: 'frontend or backend only' },
  { flags: '--skip-build', description: 'use what is already built' },
];
