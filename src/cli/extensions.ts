import { anomalyExtension } from '../agent/anomalies/extension.js';
import { agentExtension } from '../agent/extension.js';
import { riskExtension } from '../agent/risk/extension.js';
import type { ChangeExtension } from '../engine/change/extensions.js';
import { notificationsExtension } from '../notifications/extension.js';
import { approvalGate } from '../orchestration/approvals/gate.js';
import { freezeGate } from '../orchestration/freeze/gate.js';
import type { CommandContext } from './io.js';
import { githubActionsExtensions } from './render/github-extension.js';

/** What a command passes on to the gates: its flags, and whether a person confirmed on the terminal. */
export interface ExtensionOptions {
  /** `--wait-for-approval`, in milliseconds. */
  waitForApprovalMs?: number;
  /** `--override-freeze "<why>"`. */
  overrideFreeze?: string;
  /** True once the person at the terminal saw the plan and typed the environment's name. */
  confirmedOnTerminal?: () => boolean;
}

/**
 * The capabilities outside the engine that deploy, plan, rollback and recover run with, in the order
 * they are asked about a plan. Each keeps its heavy code behind a dynamic import in its methods, so a
 * command pays only for what it calls. The freeze is asked first: a frozen environment records no
 * approval request.
 */
export function changeExtensions(context: CommandContext, options: ExtensionOptions = {}): ChangeExtension[] {
  // Gates that refuse whatever the plan first, then what the agent finds (a known failure refuses before
  // anyone is asked to approve), then the approval; notifications only listen.
  return [
    // On a GitHub Actions runner: secrets masked before anything else runs, a summary once it ends.
    ...githubActionsExtensions(context.io),
    freezeGate(options.overrideFreeze !== undefined ? { overrideReason: options.overrideFreeze } : {}),
    agentExtension(),
    riskExtension,
    anomalyExtension,
    approvalGate({
      ...(options.waitForApprovalMs !== undefined ? { waitForApprovalMs: options.waitForApprovalMs } : {}),
      ...(options.confirmedOnTerminal ? { confirmedOnTerminal: options.confirmedOnTerminal } : {}),
    }),
    notificationsExtension(),
  ];
}
