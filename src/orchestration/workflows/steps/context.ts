import type { WorkflowStep } from '../../../config/schema/workflows.js';
import type { ChangeExtension } from '../../../engine/change/extensions.js';
import type { ChangeOptions } from '../../../engine/change/recorded-change.js';
import type { PlanSummary } from '../../../records/index.js';

/** What every step gets: where the project is, how to report, and the capabilities a change runs with. */
export interface StepContext {
  base: Omit<ChangeOptions, 'environment' | 'extensions'>;
  projectRoot: string;
  /** The extensions (gates, notifications) a change of `environment` runs with. */
  extensions(environment: string): readonly ChangeExtension[];
  /** The step was in progress when its process died: a deployment it left interrupted is finished. */
  resuming: boolean;
  /** When the step first started: a resumed wait waits only for what is left. */
  firstStartedAt: Date;
  /** The steps of the workflow and this one's position, for steps that look ahead. */
  steps: readonly WorkflowStep[];
  index: number;
  /** The environment the last step before this one acted on. */
  previousEnvironment?: string;
  /**
   * On a terminal: shows a change's plan and asks the person to approve it (typing the environment's
   * name). Unset without a terminal: approvals are recorded in the state store by someone else.
   */
  confirmOnTerminal?: (environment: string, plan: PlanSummary) => Promise<boolean>;
}

/** Runs one kind of step; returns what it found or made (recorded), throws to fail the run. */
export type StepRunner<Kind extends WorkflowStep['step']> = (
  step: Extract<WorkflowStep, { step: Kind }>,
  context: StepContext,
) => Promise<Record<string, unknown>>;
