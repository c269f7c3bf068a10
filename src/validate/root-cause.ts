import { credentialsCause, type RootCause, unreachableCause } from '../providers/aws/root-cause.js';
import type { ValidationCheckResult, ValidationContext } from './types.js';

/**
 * When AWS cannot be asked at all (no endpoint answers, no credentials), every check that needs it fails
 * the same way: the cause, found from the caller-identity read every validation makes, said once, and
 * those checks marked "not checked" instead of repeating it.
 */
export async function sharedRootCause(
  context: ValidationContext,
  checks: ValidationCheckResult[],
): Promise<{ cause: RootCause; checks: ValidationCheckResult[] } | undefined> {
  const error = await context.identity().then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!error) return undefined;
  const cause =
    unreachableCause(error) ??
    credentialsCause(error, { profile: context.loaded.config.aws.profile, env: context.env });
  if (!cause) return undefined;
  const causedBy = (check: ValidationCheckResult) =>
    check.status !== 'pass' &&
    [check.message, ...(check.details ?? [])].some((text) => text.includes(cause.marker));
  return {
    cause,
    checks: checks.map((check) =>
      causedBy(check)
        ? { name: check.name, status: check.status, message: 'not checked', durationMs: check.durationMs }
        : check,
    ),
  };
}
