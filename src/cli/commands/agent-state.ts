import type { CommandContext } from '../io.js';
import { allEnvironmentStates, type EnvironmentState, environmentState } from '../state-access.js';

/** The named environment's configuration and store, or (none named) the first environment's: the history is shared. */
export async function agentState(
  context: CommandContext,
  environment: string | undefined,
): Promise<EnvironmentState> {
  if (environment) return environmentState(context, environment);
  const [first] = await allEnvironmentStates(context);
  return first!;
}
