import { worst } from '../core/check-status.js';
import type { ValidationFinding } from './types.js';

/**
 * One check's several problems as one finding: the worst status, the worst problems' messages and
 * first hint, every problem in `details`. No problem: a pass with `passed`.
 */
export function combine(problems: readonly ValidationFinding[], passed: string): ValidationFinding {
  if (problems.length === 0) return { status: 'pass', message: passed };
  const status = worst(problems.map((problem) => problem.status));
  const shown = problems.filter((problem) => problem.status === status);
  const hint = shown.find((problem) => problem.hint)?.hint;
  return {
    status,
    message: shown.map((problem) => problem.message).join('; '),
    ...(hint ? { hint } : {}),
    ...(problems.length > 1
      ? { details: problems.map((problem) => `${problem.status}: ${problem.message}`) }
      : {}),
  };
}
