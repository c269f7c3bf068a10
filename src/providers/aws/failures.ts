/** The catalogue's ids of the failures omnix recovers from by itself (`src/agent/catalogue`). */
export type RecoverableFailure =
  | 'throttling'
  | 'service-unavailable'
  | 'lambda-update-in-progress'
  | 'lambda-package-too-large'
  | 'too-many-invalidations'
  | 'credentials-expired'
  | 'lock-held-stale';

interface SdkError {
  name?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

/** As the SDK's own list (`@smithy/service-error-classification`), plus HTTP 429. */
const THROTTLING = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);

/** Which recoverable failure an AWS error is, if any. */
export function recoverableFailure(error: unknown): RecoverableFailure | undefined {
  const sdk = (error ?? {}) as SdkError;
  const name = sdk.name ?? '';
  const status = sdk.$metadata?.httpStatusCode;
  if (EXPIRED.has(name)) return 'credentials-expired';
  if (THROTTLING.has(name) || status === 429 || sdk.$retryable?.throttling) return 'throttling';
  if (name === 'ResourceConflictException') return 'lambda-update-in-progress';
  if (name === 'RequestEntityTooLargeException') return 'lambda-package-too-large';
  if (name === 'TooManyInvalidationsInProgress') return 'too-many-invalidations';
  if (status !== undefined && status >= 500) return 'service-unavailable';
  return undefined;
}

/** A retried attempt's failure as the SDK sees it: throttled, else a 5xx or a lost connection. */
export const retriedFailure = (error: unknown): RecoverableFailure =>
  recoverableFailure(error) === 'throttling' ? 'throttling' : 'service-unavailable';
