import { deploy } from '../../../actions/deploy/deploy.js';
import { promote } from '../../../actions/promote/promote.js';
import type { WorkflowStep } from '../../../config/schema/workflows.js';
import { AbortedError } from '../../../core/errors.js';
import type { StepContext, StepRunner } from './context.js';

type Change = Extract<WorkflowStep, { step: 'deploy' | 'promote' }>;

/**
 * The plan an approval covers is that of the workflow's next change of the environment. Without a
 * terminal, that change is planned with the environment's gates and stopped before the lock: the
 * approval gate lets it through only with an approval of that exact plan recorded by someone else,
 * and otherwise records a request (and notifies) and waits or exits 5, leaving the run waiting for
 * `workflow resume`. On a terminal, the person is shown the plan and approves it by typing the name.
 */
export const approveStep: StepRunner<'approve'> = async (step, context) => {
  const change = context.steps
    .slice(context.index + 1)
    .find(
      (next): next is Change =>
        (next.step === 'deploy' && next.environment === step.environment) ||
        (next.step === 'promote' && next.to === step.environment),
    )!;
  if (context.confirmOnTerminal) {
    const plan = await planOf(change, context, { dryRun: true });
    if (plan.status === 'planned' && !(await context.confirmOnTerminal(step.environment, plan.plan)))
      throw new AbortedError(`the plan for ${step.environment} was not approved; the workflow stops here`);
    return { via: 'terminal', plan: plan.status };
  }
  const outcome = await planOf(change, context, { dryRun: false });
  return {
    via: 'recorded',
    ...(outcome.status === 'nothing-to-do' ? { nothingToDo: true } : {}),
    approvals: outcome.plan?.approvals ?? null,
  };
};

async function planOf(change: Change, context: StepContext, { dryRun }: { dryRun: boolean }) {
  // Without a dry run the change stops once the gates let its plan through, before the lock: nothing changes.
  const common = {
    ...context.base,
    ...(dryRun ? { dryRun: true } : { authorizeOnly: true }),
    extensions: context.extensions(change.step === 'deploy' ? change.environment : change.to),
  };
  if (change.step === 'deploy') return deploy({ ...common, environment: change.environment });
  return (await promote({ ...common, from: change.from, to: change.to })).deployment;
}
