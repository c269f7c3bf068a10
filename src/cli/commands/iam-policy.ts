import { deployerPolicy } from '../../actions/inspect/iam-policy.js';
import type { CommandContext } from '../io.js';
import { readOptions } from '../state-access.js';

/** `omnix iam-policy <env>`: the deployer's least-privilege policy document, on standard output. */
export async function iamPolicyCommand(
  context: CommandContext,
  environment: string,
  flags: { explain?: boolean },
): Promise<number> {
  const found = await deployerPolicy(readOptions(context, environment));
  if (context.json) {
    context.print(JSON.stringify(found));
    return 0;
  }
  context.print(JSON.stringify(found.policy, null, 2));
  for (const what of found.unknown) context.warn(`not known, so a wildcard in the policy: ${what}`);
  if (flags.explain)
    for (const permission of found.permissions)
      context.warn(`${permission.action}: ${permission.purpose} (${permission.resources.join(', ')})`);
  return 0;
}
