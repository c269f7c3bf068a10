import { hostname } from 'node:os';
import type { WorkflowStep } from '../../config/schema/workflows.js';
import { OmnixError, ValidationFailedError, WaitingForApprovalError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { callerIdentity } from '../../engine/change/caller.js';
import type { StateStore } from '../../state/store.js';
import {
  newWorkflowRunId,
  type WorkflowRunRecord,
  type WorkflowStepRecord,
} from '../../state/workflow-runs.js';
import { describeStep, type WorkflowDefinition } from './definition.js';
import { STEP_RUNNERS, type StepContext } from './steps/index.js';

export type RunOptions = Omit<
  StepContext,
  'resuming' | 'firstStartedAt' | 'steps' | 'index' | 'previousEnvironment' | 'projectRoot'
> & {
  store: StateStore;
};

/** Starts a run of `workflow`: its record first, then each step in order. */
export async function runWorkflow(
  workflow: WorkflowDefinition,
  options: RunOptions,
): Promise<WorkflowRunRecord> {
  const run: WorkflowRunRecord = {
    id: newWorkflowRunId(),
    workflow: workflow.name,
    status: 'running',
    startedAt: new Date().toISOString(),
    caller: callerIdentity(options.base.env),
    definitionDigest: workflow.digest,
    steps: [],
  };
  await options.store.putWorkflowRun(run);
  emit(options.base.report, 'info', 'workflow', `run ${run.id} of ${workflow.name} started`, {
    data: { runId: run.id },
  });
  return runSteps(workflow, run, 0, options);
}

/**
 * Goes on with a run whose process died (it still says `running`) or that waits for an approval, from
 * the first step that did not succeed. A step that was in progress is run again, finishing a deployment
 * it left interrupted.
 */
export async function resumeWorkflow(
  workflow: WorkflowDefinition,
  run: WorkflowRunRecord,
  options: RunOptions & { force?: boolean },
): Promise<WorkflowRunRecord> {
  if (run.status === 'succeeded' || run.status === 'failed')
    throw new ValidationFailedError(
      'RunFinished',
      `workflow run ${run.id} ${run.status}; there is nothing to resume`,
      {
        hint: run.status === 'failed' ? `Start a new run: omnix workflow run ${run.workflow}` : undefined,
      },
    );
  if (run.status === 'running' && processAlive(run.caller) && !options.force)
    throw new ValidationFailedError(
      'RunInProgress',
      `workflow run ${run.id} is running (pid ${run.caller.pid} on ${run.caller.host})`,
      {
        hint: 'Resume only a run whose process died; --force when that process is on another machine and gone.',
      },
    );
  if (run.definitionDigest !== workflow.digest)
    throw new ValidationFailedError(
      'WorkflowChanged',
      `workflow ${run.workflow} changed since run ${run.id} started`,
      {
        hint: `Start a new run: omnix workflow run ${run.workflow}`,
      },
    );
  const from = run.steps.findIndex((step) => step.status !== 'succeeded');
  const next = from === -1 ? run.steps.length : from;
  const caller = callerIdentity(options.base.env);
  run.resumes = [
    ...(run.resumes ?? []),
    { at: new Date().toISOString(), pid: caller.pid, host: caller.host, fromStep: next },
  ];
  run.caller = { ...run.caller, pid: caller.pid, host: caller.host };
  run.status = 'running';
  await options.store.putWorkflowRun(run);
  emit(
    options.base.report,
    'info',
    'workflow',
    `resuming run ${run.id} of ${run.workflow} at step ${next + 1}`,
    {
      data: { runId: run.id },
    },
  );
  return runSteps(workflow, run, next, options);
}

async function runSteps(
  workflow: WorkflowDefinition,
  run: WorkflowRunRecord,
  from: number,
  options: RunOptions,
): Promise<WorkflowRunRecord> {
  const { store, base } = options;
  for (let index = from; index < workflow.steps.length; index++) {
    const step = workflow.steps[index]!;
    const earlier = run.steps[index];
    const record: WorkflowStepRecord = {
      index,
      name: describeStep(step),
      status: 'running',
      startedAt: new Date().toISOString(),
      attempts: (earlier?.attempts ?? 0) + 1,
    };
    run.steps[index] = record;
    await store.putWorkflowRun(run);
    emit(base.report, 'begin', 'workflow', `step ${index + 1}/${workflow.steps.length}: ${record.name}`);
    const started = Date.now();
    try {
      const runner = STEP_RUNNERS[step.step] as (
        step: WorkflowStep,
        context: StepContext,
      ) => Promise<Record<string, unknown>>;
      record.result = await runner(step, {
        ...options,
        projectRoot: workflow.projectRoot,
        resuming: earlier?.status === 'running',
        firstStartedAt: new Date(earlier?.status === 'running' ? earlier.startedAt : record.startedAt),
        steps: workflow.steps,
        index,
        ...previous(workflow.steps, index),
      });
      record.status = 'succeeded';
    } catch (error) {
      const waiting = error instanceof WaitingForApprovalError;
      record.status = waiting ? 'waiting' : 'failed';
      record.error = {
        code: error instanceof OmnixError ? error.code : 'Error',
        message: (error as Error).message,
      };
      run.status = waiting ? 'waiting' : 'failed';
      if (!waiting) run.finishedAt = new Date().toISOString();
      else
        emit(
          base.report,
          'warn',
          'workflow',
          `run ${run.id} waits for an approval; once it is recorded: omnix workflow resume ${run.id}`,
        );
      record.durationMs = Date.now() - started;
      await store.putWorkflowRun(run);
      throw error;
    }
    record.durationMs = Date.now() - started;
    await store.putWorkflowRun(run);
    emit(base.report, 'end', 'workflow', `step ${index + 1}/${workflow.steps.length}: ${record.name} done`, {
      durationMs: record.durationMs,
    });
  }
  run.status = 'succeeded';
  run.finishedAt = new Date().toISOString();
  await store.putWorkflowRun(run);
  return run;
}

function previous(steps: readonly WorkflowStep[], index: number): { previousEnvironment?: string } {
  for (let i = index - 1; i >= 0; i--) {
    const step = steps[i]!;
    if (step.step === 'promote') return { previousEnvironment: step.to };
    if ('environment' in step && step.environment) return { previousEnvironment: step.environment };
  }
  return {};
}

/** Whether the process that ran a step is still there; on another machine, it cannot be told: assumed so. */
function processAlive(caller: WorkflowRunRecord['caller']): boolean {
  if (caller.host !== hostname()) return true;
  try {
    process.kill(caller.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
