import type { FailureEvidence } from '../catalogue/known-failure.js';

/**
 * An error reduced to what recurs: codes and kinds, with every id, name, number and timestamp removed,
 * so the same failure in two environments (or on two days) has the same signature.
 */
export interface FailureSignature {
  code: string;
  awsError?: string;
  /** The AWS operation (UpdateFunctionCode), or the omnix step (HealthCheck, Build). */
  operation?: string;
  /** function, alias, bucket, object, distribution, invalidation, stage, rest-api, parameter, lock, ... */
  resourceKind?: string;
  /** The failed health checks' types, sorted. */
  checks?: string[];
  /** The message with names, ids, numbers, timestamps, URLs and secrets replaced by placeholders. */
  pattern: string;
}

// omnix words each AWS call "<doing> failed (<Name>)": the doing names the operation.
const OPERATIONS: Array<[RegExp, string, string]> = [
  [/updating the code of/i, 'UpdateFunctionCode', 'function'],
  [/updating the configuration of/i, 'UpdateFunctionConfiguration', 'function'],
  [/publishing a version of/i, 'PublishVersion', 'function'],
  [/moving alias/i, 'UpdateAlias', 'alias'],
  [/deleting version/i, 'DeleteFunction', 'function'],
  [/reading function|waiting for function/i, 'GetFunction', 'function'],
  [/deploying .* to stage/i, 'CreateDeployment', 'stage'],
  [/pointing stage|updating the variables of stage/i, 'UpdateStage', 'stage'],
  [/reading stage/i, 'GetStage', 'stage'],
  [/deleting deployment/i, 'DeleteDeployment', 'rest-api'],
  [/REST API|definition of/i, 'GetRestApi', 'rest-api'],
  [/invalidating/i, 'CreateInvalidation', 'invalidation'],
  [/reading invalidation|invalidation/i, 'GetInvalidation', 'invalidation'],
  [/distribution/i, 'GetDistribution', 'distribution'],
  [/uploading/i, 'PutObject', 'object'],
  [/deleting stale files/i, 'DeleteObjects', 'object'],
  [/restoring version/i, 'CopyObject', 'object'],
  [/listing s3:|bucket/i, 'ListObjectsV2', 'bucket'],
  [/caller identity/i, 'GetCallerIdentity', 'identity'],
  [/SSM parameter/i, 'GetParameter', 'parameter'],
  [/outputs of stack/i, 'DescribeStacks', 'stack'],
  [/health check/i, 'HealthCheck', 'release'],
  [/build|command .* exited/i, 'Build', 'build'],
  [/\block\b/i, 'Lock', 'lock'],
  [/artifact|source folder|\.zip/i, 'Package', 'artifact'],
];

const REPLACEMENTS: Array<[RegExp, string]> = [
  [/\b\d{4}-\d{2}-\d{2}T[\d:.]+Z?\b/g, '<time>'],
  [/\bd-\d{8}T\d{9}Z-[0-9a-f]+\b/g, '<deployment>'],
  [/\barn:aws[a-z-]*:[^\s'",)]+/g, '<arn>'],
  [/\b[a-z]+:\/\/[^\s'",)]+/gi, '<url>'],
  [/'[^']*'|"[^"]*"|`[^`]*`/g, '<name>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>'],
  // Keys, tokens, digests: long runs of letters and digits mixed, which no word of a message is.
  [/\b(?=[A-Za-z0-9+/=_-]*\d)(?=[A-Za-z0-9+/=_-]*[A-Za-z])[A-Za-z0-9+/=_-]{12,}/g, '<token>'],
  [/\b\d+(\.\d+)?\b/g, '<n>'],
];

/** The message without what differs between occurrences: names the configuration gives, ids, numbers. */
export function normaliseMessage(message: string, names: readonly string[] = []): string {
  let text = message;
  // Longest first, so "omnix-api-staging" goes before "staging".
  for (const name of [...names].filter((n) => n.length >= 3).sort((a, b) => b.length - a.length))
    text = text.split(name).join('<name>');
  for (const [pattern, placeholder] of REPLACEMENTS) text = text.replace(pattern, placeholder);
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** The signature of the evidence; `names` are the resource and environment names to leave out. */
export function signatureOf(evidence: FailureEvidence, names: readonly string[] = []): FailureSignature {
  const operation = OPERATIONS.find(([pattern]) => pattern.test(evidence.message));
  const checks = [...new Set((evidence.failedChecks ?? []).map((check) => check.type))].sort();
  return {
    code: evidence.code,
    ...(evidence.awsError && evidence.awsError !== evidence.code ? { awsError: evidence.awsError } : {}),
    ...(operation ? { operation: operation[1], resourceKind: operation[2] } : {}),
    ...(checks.length > 0 ? { checks } : {}),
    pattern: normaliseMessage(evidence.message, names),
  };
}

/** One line that two equal signatures share: what memory counts by. */
export function signatureKey(signature: FailureSignature): string {
  return [
    signature.code,
    signature.awsError,
    signature.operation,
    signature.resourceKind,
    signature.checks && `checks=${signature.checks.join(',')}`,
  ]
    .filter((part): part is string => Boolean(part))
    .join(' · ');
}
