import type { StagePlan } from '../../../providers/aws/api-kind.js';
import type { DesiredFunction, LiveFunction } from '../../../providers/aws/functions.js';
import type { FunctionPlanSummary } from '../../../records/index.js';

/** What a deployment does to a function (the plan summary's `action`). */
export type FunctionAction = FunctionPlanSummary['action'];

export interface FunctionPlan {
  key: string;
  name: string;
  action: FunctionAction;
  /** Configuration fields that differ: `memoryMb`, `timeoutSeconds`, `runtime`, `handler`, `environment`, `description`. */
  changedFields: string[];
  /** Publish a version and point the alias at it. */
  release: boolean;
}

export interface BackendPlan {
  functions: FunctionPlan[];
  stage?: StagePlan;
  /** Functions that do not exist: a deployment cannot start (validation names them). */
  missing: string[];
}

const sameEnvironment = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * What a deployment must do to the functions and the stage. Code is compared by CodeSha256 (the
 * package is deterministic, so unchanged code is skipped), configuration field by field. A function
 * whose alias no longer serves the code being deployed gets a new version and alias move even when
 * $LATEST already matches. Pure: it reads nothing and changes nothing.
 */
export function planBackend(
  desired: readonly DesiredFunction[],
  live: ReadonlyMap<string, LiveFunction>,
  stage?: { desired: Record<string, string>; live: Record<string, string> },
): BackendPlan {
  const functions: FunctionPlan[] = desired.map((fn) => {
    const current = live.get(fn.name);
    if (!current) return { key: fn.key, name: fn.name, action: 'missing', changedFields: [], release: false };
    const changedFields = [
      current.memorySize !== fn.memoryMb && 'memoryMb',
      current.timeout !== fn.timeoutSeconds && 'timeoutSeconds',
      current.runtime !== fn.runtime && 'runtime',
      current.handler !== fn.handler && 'handler',
      !sameEnvironment(current.environment, fn.environment) && 'environment',
      (fn.description ?? '') !== current.description && 'description',
    ].filter((field): field is string => field !== false);
    const codeChanged = current.codeSha256 !== fn.codeSha256;
    const aliasBehind = current.alias?.codeSha256 !== fn.codeSha256;
    const action: FunctionAction =
      codeChanged && changedFields.length > 0
        ? 'update-code-and-configuration'
        : codeChanged
          ? 'update-code'
          : changedFields.length > 0
            ? 'update-configuration'
            : aliasBehind
              ? 'publish'
              : 'unchanged';
    return { key: fn.key, name: fn.name, action, changedFields, release: action !== 'unchanged' };
  });
  const plan: BackendPlan = {
    functions,
    missing: functions.filter((fn) => fn.action === 'missing').map((fn) => fn.name),
  };
  if (stage) {
    const setVariables = Object.fromEntries(
      Object.entries(stage.desired).filter(([name, value]) => stage.live[name] !== value),
    );
    const removeVariables = Object.keys(stage.live).filter((name) => !(name in stage.desired));
    if (Object.keys(setVariables).length > 0 || removeVariables.length > 0)
      plan.stage = { setVariables, removeVariables };
  }
  return plan;
}
