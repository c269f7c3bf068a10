import { loadConfig } from '../config/load.js';
import type { CommandContext } from './io.js';

const YES_NO = /^(y|yes|n|no)$/i;

/**
 * Whether a change of `environment` is confirmed by typing its name instead of yes: where its
 * configuration sets `approvals.required`, and for any environment named prod or production.
 */
async function nameMustBeTyped(context: CommandContext, environment: string): Promise<boolean> {
  if (/^prod(uction)?$/.test(environment)) return true;
  const loaded = await loadConfig({
    environment,
    configDir: context.configDir,
    env: context.io.env,
    cwd: context.io.cwd,
  });
  return loaded.ok && loaded.config.approvals.required;
}

/**
 * Asks on the terminal before a change: `question` answered yes or no (anything else is asked again), or,
 * where approvals are required, the environment's name typed out ("Type production to <typedPurpose>").
 */
export async function confirmChange(
  context: CommandContext,
  environment: string,
  question: string,
  typedPurpose: string,
): Promise<boolean> {
  if (await nameMustBeTyped(context, environment)) {
    const typed = await context.io.ask({ message: `Type ${environment} to ${typedPurpose}` });
    return typed.trim() === environment;
  }
  const answer = await context.io.ask({
    message: `${question} (yes/no)`,
    default: 'no',
    validate: (text) => YES_NO.test(text.trim()) || 'answer yes or no',
  });
  return /^y/i.test(answer.trim());
}
