import { ValidationFailedError } from '../../core/errors.js';
import { emit, type Report } from '../../core/events.js';
import type { ValidationSummary } from '../../records/index.js';
import { type ValidationInput, validateEnvironment } from '../../validate/validate.js';

/**
 * A deployment's validate phase: every check, warnings reported, and any failure stopping the deployment
 * before it changes anything (exit 3) with each failed check named.
 */
export async function preflight(input: ValidationInput & { report: Report }): Promise<ValidationSummary> {
  const validation = await validateEnvironment(input);
  const cause = validation.rootCause;
  if (cause)
    throw new ValidationFailedError(cause.code, `${cause.message}: nothing was checked or changed`, {
      hint: cause.hint,
    });
  for (const check of validation.checks) {
    if (check.status === 'pass') continue;
    emit(input.report, 'warn', 'validate', `${check.name}: ${check.message}`, {
      data: { check: check.name, status: check.status, ...(check.hint ? { hint: check.hint } : {}) },
    });
  }
  const failed = validation.checks.filter((check) => check.status === 'fail');
  const count = (status: string) => validation.checks.filter((check) => check.status === status).length;
  emit(
    input.report,
    'info',
    'validate',
    `${validation.checks.length} check(s): ${count('pass')} pass, ${count('warn')} warn, ${failed.length} fail`,
  );
  if (failed.length > 0)
    throw new ValidationFailedError(
      'ValidationFailed',
      `validation of ${validation.environment} failed, nothing was changed: ${failed.map((check) => `${check.name}: ${check.message}`).join('; ')}`,
      {
        hint:
          failed.length === 1 && failed[0]!.hint
            ? failed[0]!.hint
            : `${failed
                .map((check) => check.hint && `${check.name}: ${check.hint}`)
                .filter(Boolean)
                .join(' ')} Full report: omnix validate ${validation.environment}`.trim(),
      },
    );
  return {
    status: validation.status,
    durationMs: validation.durationMs,
    checks: validation.checks.map(({ name, status, message }) => ({ name, status, message })),
  };
}
