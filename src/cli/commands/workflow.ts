import { listEnvironments, locateConfig } from '../../config/location.js';
import { ExitCode, UsageError } from '../../core/errors.js';
import { loadWorkflow } from '../../orchestration/workflows/definition.js';
import { resumeWorkflow, runWorkflow } from '../../orchestration/workflows/run.js';
import type { PlanSummary } from '../../records/index.js';
import type { StateStore } from '../../state/store.js';
import type { WorkflowRunRecord } from '../../state/workflow-runs.js';
import { baseChangeOptions } from '../change-options.js';
import { confirmChange } from '../confirm.js';
import { changeExtensions } from '../extensions.js';
import { checkWait, parseLimit } from '../flags.js';
import type { CommandContext } from '../io.js';
import { renderPlan } from '../render/plan.js';
import { renderTable } from '../render/table.js';
import { environmentState } from '../state-access.js';
import { createStyle } from '../style.js';

export interface WorkflowFlags {
  waitForApproval?: string;
  force?: boolean;
  limit?: string;
}

/** Workflow runs live in the state store of the first environment (by name): every command finds them there. */
async function runStore(context: CommandContext): Promise<StateStore> {
  const [first] = await listEnvironments(locateConfig(context.configDir));
  if (!first) throw new UsageError('NoEnvironments', 'the configuration has no environments');
  return (await environmentState(context, first)).store;
}

function runOptions(context: CommandContext, store: StateStore, flags: WorkflowFlags) {
  const waitForApprovalMs = checkWait(flags.waitForApproval, '--wait-for-approval');
  const confirmed = new Set<string>();
  const style = createStyle(context.color);
  return {
    store,
    base: baseChangeOptions(context),
    extensions: (environment: string) =>
      changeExtensions(context, {
        ...(waitForApprovalMs !== undefined ? { waitForApprovalMs } : {}),
        confirmedOnTerminal: () => confirmed.has(environment),
      }),
    ...(context.interactive && !context.yes
      ? {
          confirmOnTerminal: async (environment: string, plan: PlanSummary) => {
            context.print(renderPlan(plan, style));
            const yes = await confirmChange(
              context,
              environment,
              `Approve this plan for ${environment}?`,
              'approve it',
            );
            if (yes) confirmed.add(environment);
            return yes;
          },
        }
      : {}),
  };
}

function requireConsent(context: CommandContext, what: string) {
  if (!context.yes && !context.interactive)
    throw new UsageError(
      'ConfirmationRequired',
      `refusing to ${what} without --yes when there is no terminal`,
      {
        hint: 'Add --yes in CI: the workflow’s approve steps still need approvals recorded by someone else.',
      },
    );
}

function finished(context: CommandContext, run: WorkflowRunRecord): number {
  if (context.json) context.print(JSON.stringify({ type: 'outcome', ...run }));
  else
    context.print(
      `${createStyle(context.color).green('✔')} workflow ${run.workflow} succeeded (run ${run.id})`,
    );
  return ExitCode.Ok;
}

/** `omnix workflow run <name>`. */
export async function workflowRun(
  context: CommandContext,
  name: string,
  flags: WorkflowFlags,
): Promise<number> {
  // An unknown workflow is said before the missing --yes.
  const workflow = await loadWorkflow(name, {
    configDir: context.configDir,
    cwd: context.io.cwd,
    env: context.io.env,
  });
  requireConsent(context, `run workflow ${name}`);
  const store = await runStore(context);
  return finished(context, await runWorkflow(workflow, runOptions(context, store, flags)));
}

/** `omnix workflow resume <run-id>`. */
export async function workflowResume(
  context: CommandContext,
  id: string,
  flags: WorkflowFlags,
): Promise<number> {
  // An unknown run is said before the missing --yes.
  const store = await runStore(context);
  const run = await findRun(store, id);
  const workflow = await loadWorkflow(run.workflow, {
    configDir: context.configDir,
    cwd: context.io.cwd,
    env: context.io.env,
  });
  requireConsent(context, `resume workflow run ${id}`);
  return finished(
    context,
    await resumeWorkflow(workflow, run, {
      ...runOptions(context, store, flags),
      force: flags.force === true,
    }),
  );
}

async function findRun(store: StateStore, id: string): Promise<WorkflowRunRecord> {
  const run = await store.getWorkflowRun(id);
  if (!run)
    throw new UsageError('UnknownWorkflowRun', `there is no workflow run ${id}`, {
      hint: 'See: omnix workflow list',
    });
  return run;
}

const currentStep = (run: WorkflowRunRecord) =>
  run.steps.findLast((step) => step.status !== 'succeeded') ?? run.steps.at(-1);

/** `omnix workflow list`: runs, newest first. */
export async function workflowList(context: CommandContext, flags: WorkflowFlags): Promise<number> {
  const limit = parseLimit(flags.limit, 20);
  const runs = await (await runStore(context)).listWorkflowRuns({ limit });
  if (context.json) {
    context.printJson({ runs });
    return ExitCode.Ok;
  }
  if (runs.length === 0) context.print('no workflow runs yet');
  else
    context.print(
      renderTable(
        ['RUN', 'WORKFLOW', 'STATUS', 'STARTED', 'BY', 'STEP'],
        runs.map((run) => [
          run.id,
          run.workflow,
          run.status,
          run.startedAt,
          run.caller.user,
          currentStep(run)?.name ?? '',
        ]),
      ),
    );
  return ExitCode.Ok;
}

/** `omnix workflow show <run-id>`: every step with its outcome and timing. */
export async function workflowShow(context: CommandContext, id: string): Promise<number> {
  const run = await findRun(await runStore(context), id);
  if (context.json) {
    context.printJson(run);
    return ExitCode.Ok;
  }
  context.print(
    `${run.id}: workflow ${run.workflow}, ${run.status}, started ${run.startedAt} by ${run.caller.user}`,
  );
  context.print(
    renderTable(
      ['#', 'STEP', 'STATUS', 'STARTED', 'TOOK', 'RESULT'],
      run.steps.map((step) => [
        String(step.index + 1),
        step.name,
        step.status,
        step.startedAt,
        step.durationMs !== undefined ? `${(step.durationMs / 1000).toFixed(1)} s` : '',
        step.error ? `${step.error.code}: ${step.error.message}` : JSON.stringify(step.result ?? {}),
      ]),
    ),
  );
  if (run.status === 'waiting' || run.status === 'running')
    context.print(
      `Resume it (once what it waits for is there, or its process died): omnix workflow resume ${run.id}`,
    );
  return ExitCode.Ok;
}

/** `omnix workflow status [run-id]`: where a run (the latest without an id) stands. */
export async function workflowStatus(context: CommandContext, id: string | undefined): Promise<number> {
  const store = await runStore(context);
  const run = id ? await findRun(store, id) : (await store.listWorkflowRuns({ limit: 1 }))[0];
  if (!run) {
    if (context.json) context.printJson({ run: null });
    else context.print('no workflow runs yet');
    return ExitCode.Ok;
  }
  const step = currentStep(run);
  if (context.json)
    context.printJson({
      run: { id: run.id, workflow: run.workflow, status: run.status, step: step ?? null },
    });
  else
    context.print(
      `${run.id} (${run.workflow}): ${run.status}${step ? `, step ${step.index + 1}: ${step.name} ${step.status}` : ''}`,
    );
  return ExitCode.Ok;
}
