import { OmnixError } from '../../core/errors.js';
import type { DeploymentRecord } from '../../records/index.js';
import type { FailureEvidence } from './known-failure.js';

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** The AWS error name a recorded message quotes: omnix writes "<doing> failed (<Name>): <message>". */
export const quotedAwsError = (message: string): string | undefined =>
  /failed \(([A-Za-z][A-Za-z0-9.]*)\)/.exec(message)?.[1];

/** What a thrown error shows: its code, the AWS error under it (however deep), its HTTP status. */
export function evidenceOfError(error: unknown): FailureEvidence {
  const top = (error ?? {}) as ErrorLike;
  let awsError: string | undefined;
  let httpStatus: number | undefined;
  const seen = new Set<unknown>();
  for (let current: unknown = error; current && !seen.has(current); current = (current as ErrorLike).cause) {
    seen.add(current);
    const layer = current as ErrorLike;
    httpStatus ??= layer.$metadata?.httpStatusCode;
    if (!(current instanceof OmnixError) && layer.$metadata) awsError ??= layer.name;
  }
  const message = top.message ?? String(error);
  awsError ??= quotedAwsError(message);
  const code = error instanceof OmnixError ? error.code : (top.name ?? top.code ?? 'Error');
  return {
    code,
    message,
    ...(awsError ? { awsError } : {}),
    ...(httpStatus !== undefined ? { httpStatus } : {}),
  };
}

/** What a finished deployment record shows about its failure: its first error and its failed checks. */
export function evidenceOfRecord(record: DeploymentRecord): FailureEvidence | undefined {
  const error = record.errors[0];
  if (!error) return undefined;
  const failedChecks = (record.health ?? [])
    .filter((report) => report.stage !== 'rollback')
    .flatMap((report) => report.checks)
    .filter((check) => check.status === 'fail')
    .map((check) => ({ type: check.type, message: [check.message, ...(check.details ?? [])].join('; ') }));
  const awsError = quotedAwsError(error.message);
  return {
    code: error.code,
    message: error.message,
    ...(awsError ? { awsError } : {}),
    ...(failedChecks.length > 0 ? { failedChecks } : {}),
  };
}
