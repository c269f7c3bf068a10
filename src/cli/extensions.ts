import { anomalyExtension } from '../agent/anomalies/extension.js';
import { agentExtension } from '../agent/extension.js';
import { riskExtension } from '../agent/risk/extension.js';
import type { ChangeExtension } from '../engine/extensions.js';
import type { CommandContext } from './io.js';

/**
 * The capabilities outside the engine that deploy, plan, rollback and recover run with, in the order
 * they are asked about a plan. Each keeps its heavy code behind a dynamic import in its methods, so a
 * command pays only for what it calls.
 */
export function changeExtensions(_context: CommandContext): ChangeExtension[] {
  return [agentExtension(), riskExtension, anomalyExtension];
}
