import type { WorkflowStep } from '../../../config/schema/workflows.js';
import { approveStep } from './approve-step.js';
import { deployStep, healthStep, promoteStep, validateStep } from './change-steps.js';
import type { StepRunner } from './context.js';
import { notifyStep, runStep, waitStep } from './other-steps.js';

export type { StepContext } from './context.js';

/** Every kind of step and what runs it. */
export const STEP_RUNNERS: { [Kind in WorkflowStep['step']]: StepRunner<Kind> } = {
  validate: validateStep,
  deploy: deployStep,
  health: healthStep,
  approve: approveStep,
  promote: promoteStep,
  notify: notifyStep,
  run: runStep,
  wait: waitStep,
};
