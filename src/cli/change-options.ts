import { agentRecoveries } from '../agent/recovery/for-change.js';
import type { Report } from '../core/events.js';
import type { ChangeOptions } from '../engine/change/recorded-change.js';
import { changeExtensions, type ExtensionOptions } from './extensions.js';
import { checkWait } from './flags.js';
import type { CommandContext } from './io.js';
import { reporter } from './render/events.js';

/** What every change a command starts shares, whatever the environment: where, how to report, recovery. */
export function baseChangeOptions(
  context: CommandContext,
  report: Report = reporter(context),
): Omit<ChangeOptions, 'environment'> {
  return {
    configDir: context.configDir,
    cwd: context.io.cwd,
    env: context.io.env,
    report,
    recoveries: agentRecoveries,
  };
}

/**
 * The options deploy, rollback, recover and promote pass the engine: the base, `--wait-for-lock`, and the
 * extensions (gates, the agent, notifications) with what the command tells them.
 */
export function changeOptions(
  context: CommandContext,
  environment: string,
  flags: { waitForLock?: string; extensions?: ExtensionOptions; report?: Report } = {},
): ChangeOptions {
  const waitForLockMs = checkWait(flags.waitForLock);
  return {
    ...baseChangeOptions(context, flags.report),
    environment,
    extensions: changeExtensions(context, flags.extensions),
    ...(waitForLockMs !== undefined ? { waitForLockMs } : {}),
  };
}
