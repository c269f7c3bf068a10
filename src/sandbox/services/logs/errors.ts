import { AwsError } from '../../protocol/aws-error.js';

/** CloudWatch Logs' errors, worded as the service words them. All are 400s. */
export const invalidParameter = (message: string) => new AwsError('InvalidParameterException', message, 400);

export const groupNotFound = () =>
  new AwsError('ResourceNotFoundException', 'The specified log group does not exist.', 400);
export const streamNotFound = () =>
  new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.', 400);
export const groupExists = () =>
  new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists', 400);
export const streamExists = () =>
  new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists', 400);
export const invalidToken = () => invalidParameter('The specified nextToken is invalid.');

/** What the sandbox leaves out, refused instead of silently ignored. */
export const unsupported = (what: string) =>
  invalidParameter(`The sandbox does not support ${what} (see src/sandbox/services/logs/SPEC.md).`);

/**
 * AWS's validation message: `1 validation error detected: Value '<v>' at '<field>' failed to satisfy
 * constraint: <constraint>`. The value is client text: it is shortened and its control characters escaped.
 */
export function validationError(value: unknown, field: string, constraint: string): AwsError {
  return invalidParameter(
    `1 validation error detected: Value '${shown(value)}' at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const short = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return short.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped.
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
