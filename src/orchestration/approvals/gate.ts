import { ValidationFailedError, WaitingForApprovalError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { callerIdentity } from '../../engine/change/caller.js';
import type { ChangeContext, ChangeExtension } from '../../engine/change/extensions.js';
import type { DeploymentPlan } from '../../engine/plan/plan-deployment.js';
import type { ApprovalRecord, DeploymentRecord } from '../../records/index.js';
import { planDigest } from './digest.js';
import { APPROVAL_HISTORY, requestApproval } from './record.js';
import { approvalOf, approvalsOfOtherPlans, type PlanApproval, pendingRequests } from './state.js';
import { waitForApproval } from './wait.js';

export interface ApprovalGateOptions {
  /** `--wait-for-approval`: how long to wait for someone to approve instead of exiting 5. */
  waitForApprovalMs?: number;
  /** Pause between reads of the state store while waiting. */
  pollMs?: number;
  /** True once a person at the terminal saw the plan and typed the environment's name: that is the approval. */
  confirmedOnTerminal?: () => boolean;
}

/**
 * Where `approvals.required` is set, a deployment goes ahead only with an approval of its exact plan
 * (its digest): confirmed on the terminal, or recorded by someone else (`omnix approve`). Without one it
 * records a pending request, notifies `approval_requested`, and waits or refuses with exit 5.
 * Findings (`approvals` in the plan summary) are the same for the same plan: `required` and `planDigest`.
 */
export function approvalGate(options: ApprovalGateOptions = {}): ChangeExtension {
  let approval: DeploymentRecord['approval'];
  return {
    name: 'approvals',
    async reviewPlan(context, review) {
      if (context.kind !== 'deploy' || !context.loaded.config.approvals.required || !review.plan)
        return undefined;
      return { required: true, planDigest: planDigest(review.plan) };
    },
    async authorize(context, review) {
      if (context.kind !== 'deploy' || !context.loaded.config.approvals.required) return;
      approval = await approve(context, review.plan, planDigest(review.plan), options);
    },
    async started(_context, record) {
      if (approval) record.approval = approval;
    },
  };
}

async function approve(
  context: ChangeContext,
  plan: DeploymentPlan,
  digest: string,
  options: ApprovalGateOptions,
): Promise<NonNullable<DeploymentRecord['approval']>> {
  const { store, loaded, report } = context;
  const environment = loaded.environment;
  const { awsIdentity } = await import('../../providers/aws/identity.js');
  const identity = (await awsIdentity(await context.clients.sts())).arn;
  if (options.confirmedOnTerminal?.())
    return { planDigest: digest, by: identity, at: new Date().toISOString(), via: 'terminal' };

  const records = await store.listApprovals(environment, { limit: APPROVAL_HISTORY });
  let state = approvalOf(records, digest, new Date());
  if (state.status === 'none' || state.status === 'expired') {
    const pending = pendingRequests(records).find((record) => record.planDigest === digest);
    if (!pending) await askForApproval(context, plan, digest, identity);
    if (options.waitForApprovalMs) {
      emit(
        report,
        'info',
        'plan',
        `waiting up to ${Math.round(options.waitForApprovalMs / 1000)} s for an approval of plan ${digest}`,
      );
      state = await waitForApproval(store, environment, digest, {
        timeoutMs: options.waitForApprovalMs,
        ...(options.pollMs ? { pollMs: options.pollMs } : {}),
      });
    }
  }
  if (state.status === 'approved') {
    emit(report, 'info', 'plan', `plan ${digest} approved by ${state.decision.by} at ${state.decision.at}`);
    return { planDigest: digest, by: state.decision.by, at: state.decision.at, via: 'recorded' };
  }
  if (state.status === 'rejected')
    throw new ValidationFailedError(
      'PlanRejected',
      `plan ${digest} of ${environment} was rejected by ${state.decision.by} at ${state.decision.at}${state.decision.comment ? `: ${state.decision.comment}` : ''}; nothing was deployed`,
      { hint: 'Change what was objected to; a new plan needs a new approval.' },
    );
  throw waiting(environment, digest, state, approvalsOfOtherPlans(records, digest, new Date()), {
    ...options,
    approvers: loaded.config.approvals.approvers,
  });
}

async function askForApproval(
  context: ChangeContext,
  plan: DeploymentPlan,
  digest: string,
  identity: string,
) {
  const { planSummary } = await import('../../engine/plan/summary.js');
  const environment = context.loaded.environment;
  const caller = callerIdentity(context.env, identity);
  const request = await requestApproval(context.store, {
    environment,
    planDigest: digest,
    by: identity,
    caller,
    plan: planSummary(plan),
  });
  emit(
    context.report,
    'info',
    'plan',
    `recorded a request for an approval of plan ${digest} (${request.id})`,
  );
  if (context.loaded.config.notifications.length === 0) return;
  const { notify } = await import('../../notifications/notify.js');
  await notify(
    {
      event: 'approval_requested',
      project: context.loaded.config.project,
      environment,
      at: request.at,
      change: context.kind,
      who: caller.user,
      planDigest: digest,
      approveCommand: approveCommand(environment, digest),
    },
    { loaded: context.loaded, clients: context.clients, report: context.report },
  );
}

export const approveCommand = (environment: string, digest: string) =>
  `omnix approve ${environment} --plan ${digest}`;

function waiting(
  environment: string,
  digest: string,
  state: PlanApproval,
  others: readonly ApprovalRecord[],
  options: ApprovalGateOptions & { approvers: readonly string[] },
): WaitingForApprovalError {
  const notes: string[] = [];
  if (state.status === 'expired')
    notes.push(`the approval by ${state.decision.by} expired at ${state.decision.expiresAt}`);
  // The newest approval of another plan is the one worth naming: the plan changed since it was given.
  const [newest] = [...others].sort((a, b) => b.at.localeCompare(a.at));
  if (newest)
    notes.push(
      `the latest approval (by ${newest.by} at ${newest.at}) is for plan ${newest.planDigest}, not this one: the plan changed since`,
    );
  const waited = options.waitForApprovalMs
    ? ` (waited ${Math.round(options.waitForApprovalMs / 1000)} s)`
    : '';
  return new WaitingForApprovalError(
    `waiting for approval, nothing changed: plan ${digest} of ${environment} needs an approval${waited}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`,
    {
      hint: `Someone else${options.approvers.length > 0 ? ` (one of approvals.approvers: ${options.approvers.join(', ')})` : ''} approves it with: ${approveCommand(environment, digest)} (then run this deployment or its workflow again${options.waitForApprovalMs ? ', or wait longer with --wait-for-approval' : ', or wait with --wait-for-approval 30m'}).`,
    },
  );
}
