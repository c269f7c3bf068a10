import { ExitCode, UsageError } from '../../core/errors.js';
import { createAwsClients } from '../../providers/aws/clients.js';
import type { CommandContext } from '../io.js';
import { reporter } from '../render/events.js';
import { environmentState } from '../state-access.js';
import { createStyle } from '../style.js';

export interface DecisionFlags {
  plan?: string;
  comment?: string;
}

/** `omnix approve <env>` and `omnix reject <env>`: the caller's decision on a pending request, recorded. */
export async function decisionCommand(
  context: CommandContext,
  environment: string,
  decision: 'approved' | 'rejected',
  flags: DecisionFlags,
): Promise<number> {
  if (flags.plan !== undefined && !/^[0-9a-f]{16}$/.test(flags.plan))
    throw new UsageError(
      'InvalidPlanDigest',
      `--plan takes a plan digest of 16 hexadecimal digits, as a deployment waiting for approval names it, not '${flags.plan}'`,
      { hint: `'omnix approvals ${environment}' lists the plans waiting for approval.` },
    );
  const { loaded, store } = await environmentState(context, environment);
  const { decide } = await import('../../orchestration/approvals/decide.js');
  const record = await decide({
    loaded,
    store,
    clients: createAwsClients(loaded.config.aws),
    decision,
    ...(flags.plan ? { planDigest: flags.plan } : {}),
    ...(flags.comment ? { comment: flags.comment } : {}),
    report: reporter(context),
  });
  if (context.json) {
    context.printJson(record);
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  context.print(
    decision === 'approved'
      ? `${style.green('✔')} approved plan ${style.bold(record.planDigest)} of ${environment} as ${record.by}, until ${record.expiresAt}`
      : `${style.yellow('✖')} rejected plan ${style.bold(record.planDigest)} of ${environment} as ${record.by}`,
  );
  if (decision === 'approved')
    context.print(
      `  the deployment that asked for it goes ahead when it runs again: omnix deploy ${environment} --yes (or, when a workflow asked, omnix workflow resume <run-id>)`,
    );
  return ExitCode.Ok;
}
