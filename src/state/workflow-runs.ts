import { OmnixError } from '../core/errors.js';

/** How one step of a workflow run went. */
export interface WorkflowStepRecord {
  /** Position in the workflow's `steps`, from 0. */
  index: number;
  /** The step's kind and target, as a person reads it: `deploy staging`, `promote staging → production`. */
  name: string;
  status: 'running' | 'succeeded' | 'failed' | 'waiting';
  startedAt: string;
  durationMs?: number;
  /** What the step made or found: a deployment id and release, a health status, a command's exit code. */
  result?: Record<string, unknown>;
  error?: { code: string; message: string };
  /** How many times the step was started (more than 1 after a resume). */
  attempts: number;
}

/**
 * One run of a named workflow, written before each step starts and after it ends, so a run whose
 * process died shows the step it was in. `waiting`: a step is waiting for something outside omnix
 * (an approval); `workflow resume` goes on from there.
 */
export interface WorkflowRunRecord {
  id: string;
  workflow: string;
  status: 'running' | 'succeeded' | 'failed' | 'waiting';
  startedAt: string;
  finishedAt?: string;
  /** Who started it, and the process that runs it now (changes on resume). */
  caller: { user: string; host: string; pid: number; ci?: Record<string, string> };
  /** Digest of the workflow's definition: a resume refuses a workflow changed since. */
  definitionDigest: string;
  steps: WorkflowStepRecord[];
  /** Each `workflow resume`: when, by which process, from which step; oldest first. */
  resumes?: Array<{ at: string; pid: number; host: string; fromStep: number }>;
}

const RUN_ID = /^w-[0-9TZ]+-[0-9a-f]+$/;

export const isWorkflowRunId = (id: string): boolean => RUN_ID.test(id);

export function checkWorkflowRunId(id: string): string {
  if (!isWorkflowRunId(id)) throw new OmnixError('InvalidWorkflowRunId', `'${id}' is not a workflow run id`);
  return id;
}

/** `w-20261202T013000123Z-1a2b3c`: sorts in time order, like deployment ids. */
export function newWorkflowRunId(at = new Date()): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return `w-${stamp}-${Math.random().toString(16).slice(2, 8)}`;
}
