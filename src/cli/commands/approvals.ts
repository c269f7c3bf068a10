import { ExitCode } from '../../core/errors.js';
import { approvalOf, pendingRequests } from '../../orchestration/approvals/state.js';
import type { ApprovalRecord } from '../../records/index.js';
import type { CommandContext } from '../io.js';
import { renderTable } from '../render/table.js';
import { allEnvironmentStates, environmentState } from '../state-access.js';

const RECENT = 20;

/** `omnix approvals [env]`: pending requests and recent decisions, per environment. */
export async function approvalsCommand(
  context: CommandContext,
  environment: string | undefined,
): Promise<number> {
  const states = environment
    ? [await environmentState(context, environment)]
    : await allEnvironmentStates(context);
  const now = new Date();
  const listed = await Promise.all(
    states.map(async ({ environment: name, store }) => {
      const records = await store.listApprovals(name, { limit: 200 });
      const pending = pendingRequests(records).filter(
        (request) => approvalOf(records, request.planDigest, now).status !== 'approved',
      );
      return {
        environment: name,
        pending,
        recent: records.filter((r) => r.kind !== 'requested').slice(0, RECENT),
      };
    }),
  );
  if (context.json) {
    context.printJson({ approvals: listed });
    return ExitCode.Ok;
  }
  const rows = listed.flatMap(({ environment: name, pending, recent }) => [
    ...pending.map((record) =>
      row(name, 'pending', record, `omnix approve ${name} --plan ${record.planDigest}`),
    ),
    ...recent.map((record) => row(name, status(record, now), record, record.comment ?? '')),
  ]);
  if (rows.length === 0) {
    context.print('no approval requests or decisions recorded');
    return ExitCode.Ok;
  }
  context.print(renderTable(['ENV', 'STATUS', 'PLAN', 'BY', 'AT', 'NOTE'], rows));
  return ExitCode.Ok;
}

function status(record: ApprovalRecord, now: Date): string {
  if (record.kind === 'rejected') return 'rejected';
  return record.expiresAt && Date.parse(record.expiresAt) <= now.getTime() ? 'expired' : 'approved';
}

const row = (environment: string, state: string, record: ApprovalRecord, note: string) => [
  environment,
  state,
  record.planDigest,
  record.by,
  record.at.slice(0, 19).replace('T', ' '),
  note,
];
