import { ACCESS_FAILURES } from './access.js';
import type { FailureEvidence, KnownFailure, Recognition } from './known-failure.js';
import { LAMBDA_FAILURES } from './lambda.js';
import { PROCESS_FAILURES } from './process.js';
import { RESOURCE_FAILURES } from './resources.js';
import { TRANSIENT_FAILURES } from './transient.js';

/**
 * Every known failure, most specific first: classification takes the first entry that recognises the
 * evidence (a function's import error before the failed health check it caused).
 */
export const CATALOGUE: readonly KnownFailure[] = [
  ...TRANSIENT_FAILURES,
  ...ACCESS_FAILURES,
  ...LAMBDA_FAILURES,
  ...RESOURCE_FAILURES,
  ...PROCESS_FAILURES,
];

const BY_ID = new Map(CATALOGUE.map((entry) => [entry.id, entry]));

/** The catalogue entry with this id, or undefined. */
export function knownFailure(id: string): KnownFailure | undefined {
  return BY_ID.get(id);
}

function recognises(by: Recognition, evidence: FailureEvidence, byStatusToo: boolean): boolean {
  const names = [evidence.code, evidence.awsError].filter((name): name is string => name !== undefined);
  const status = evidence.httpStatus;
  const byName = by.errors?.some((error) => names.includes(error)) ?? false;
  const byStatus =
    byStatusToo &&
    by.httpStatus &&
    status !== undefined &&
    status >= by.httpStatus.from &&
    status <= by.httpStatus.to;
  if ((by.errors || by.httpStatus) && !byName && !byStatus) return false;
  const checks = evidence.failedChecks ?? [];
  if (by.checks && !checks.some((check) => by.checks!.includes(check.type))) return false;
  const texts = [evidence.message, ...checks.map((check) => check.message)];
  if (by.messages && !by.messages.some((pattern) => texts.some((text) => pattern.test(text)))) return false;
  return true;
}

/**
 * The known failure the evidence shows, or undefined when the catalogue has none for it. An HTTP status
 * alone is the weakest sign: a named error (KMSAccessDeniedException comes as a 502) wins over it.
 */
export function classify(evidence: FailureEvidence): KnownFailure | undefined {
  return (
    CATALOGUE.find((entry) => recognises(entry.recognisedBy, evidence, false)) ??
    CATALOGUE.find((entry) => recognises(entry.recognisedBy, evidence, true))
  );
}
