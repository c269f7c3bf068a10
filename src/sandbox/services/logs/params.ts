import { invalidParameter, validationError } from './errors.js';

type Body = Record<string, unknown>;

const GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
const GROUP_PATTERN = '[\\.\\-_/#A-Za-z0-9]+';
const STREAM_NAME = /^[^:*]*$/;
/** A log group ARN, with or without the trailing `:*` DescribeLogGroups' `arn` carries. */
const GROUP_ARN = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:([.\-_/#A-Za-z0-9]{1,512})(?::\*)?$/;

function required(body: Body, field: string): unknown {
  const value = body[field];
  if (value === undefined || value === null)
    throw invalidParameter(
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  return value;
}

function checkedString(value: unknown, field: string, max: number, pattern?: [RegExp, string]): string {
  if (typeof value !== 'string') throw validationError(value, field, 'Member must be a string');
  if (value.length < 1)
    throw validationError(value, field, 'Member must have length greater than or equal to 1');
  if (value.length > max)
    throw validationError(value, field, `Member must have length less than or equal to ${max}`);
  if (pattern && !pattern[0].test(value))
    throw validationError(value, field, `Member must satisfy regular expression pattern: ${pattern[1]}`);
  return value;
}

/** A log group name (1–512 of `[.-_/#A-Za-z0-9]`) under `field`; required unless `optional`. */
export function groupName(body: Body, field = 'logGroupName'): string {
  return checkedString(required(body, field), field, 512, [GROUP_NAME, GROUP_PATTERN]);
}

export function optionalGroupName(body: Body, field: string): string | undefined {
  return body[field] === undefined ? undefined : groupName(body, field);
}

/** A log stream name (1–512 characters, no `:` or `*`) under `field`. */
export function streamName(body: Body, field = 'logStreamName'): string {
  return checkedString(required(body, field), field, 512, [STREAM_NAME, '[^:*]*']);
}

export function optionalStreamName(body: Body, field: string): string | undefined {
  return body[field] === undefined ? undefined : streamName(body, field);
}

/** An optional whole number within [min, max]. */
export function optionalInt(body: Body, field: string, min: number, max: number): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw validationError(value, field, 'Member must be a whole number');
  if (value < min)
    throw validationError(value, field, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw validationError(value, field, `Member must have value less than or equal to ${max}`);
  return value;
}

export function optionalBoolean(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw validationError(value, field, 'Member must be a boolean');
  return value;
}

export function optionalToken(body: Body, field = 'nextToken'): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  return checkedString(value, field, 4096);
}

/**
 * The log group a read names: `logGroupName`, or `logGroupIdentifier` (a name or a log group ARN in this
 * region and account), exactly one of them, as AWS requires.
 */
export function groupReference(body: Body, region: string, accountId: string): string {
  const hasName = body.logGroupName !== undefined && body.logGroupName !== null;
  const hasIdentifier = body.logGroupIdentifier !== undefined && body.logGroupIdentifier !== null;
  if (hasName && hasIdentifier)
    throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  if (!hasIdentifier) {
    if (!hasName) throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
    return groupName(body);
  }
  const identifier = checkedString(body.logGroupIdentifier, 'logGroupIdentifier', 2048);
  const arn = GROUP_ARN.exec(identifier);
  if (!arn) return groupName({ logGroupIdentifier: identifier }, 'logGroupIdentifier');
  if (arn[1] !== region || arn[2] !== accountId)
    throw invalidParameter('The sandbox holds log groups of its own account and the request region only.');
  return arn[3]!;
}
