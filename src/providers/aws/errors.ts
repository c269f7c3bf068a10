import { OmnixError } from '../../core/errors.js';
import { notAnAwsAnswer } from './non-aws-answer.js';
import { unreachableCause } from './root-cause.js';

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const CREDENTIAL_HINT =
  'Configure credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or SSO), or set aws.profile.';

/** Known AWS error names → a code and a hint. Everything else keeps the service's message. */
const KNOWN: Record<string, { code: string; hint: string }> = {
  CredentialsProviderError: { code: 'NoCredentials', hint: CREDENTIAL_HINT },
  ExpiredToken: {
    code: 'ExpiredCredentials',
    hint: 'Refresh the credentials (e.g. `aws sso login`) and run again.',
  },
  ExpiredTokenException: {
    code: 'ExpiredCredentials',
    hint: 'Refresh the credentials (e.g. `aws sso login`) and run again.',
  },
  InvalidClientTokenId: { code: 'InvalidCredentials', hint: CREDENTIAL_HINT },
  UnrecognizedClientException: { code: 'InvalidCredentials', hint: CREDENTIAL_HINT },
  AccessDenied: {
    code: 'AccessDenied',
    hint: 'Grant the caller the permission named above (see `omnix iam-policy`).',
  },
  AccessDeniedException: {
    code: 'AccessDenied',
    hint: 'Grant the caller the permission named above (see `omnix iam-policy`).',
  },
  Throttling: { code: 'Throttled', hint: 'AWS is throttling this account; retry in a moment.' },
  ThrottlingException: { code: 'Throttled', hint: 'AWS is throttling this account; retry in a moment.' },
};

/** Turns an AWS SDK error into an OmnixError that says what was being done. */
export function fromAwsError(error: unknown, doing: string): OmnixError {
  if (error instanceof OmnixError) return error;
  const unreachable = unreachableCause(error);
  if (unreachable)
    return new OmnixError(unreachable.code, `${doing} failed: ${unreachable.message}`, {
      hint: unreachable.hint,
      cause: error,
    });
  const unsupported = notAnAwsAnswer(error, doing);
  if (unsupported) return unsupported;
  const sdk = (error ?? {}) as SdkError;
  const name = sdk.name ?? 'Error';
  const known = KNOWN[name];
  const detail = sdk.message ? `: ${sdk.message}` : '';
  return new OmnixError(known?.code ?? name, `${doing} failed (${name})${detail}`, {
    ...(known ? { hint: known.hint } : {}),
    cause: error,
  });
}

/** The AWS error's name (its code), or undefined for anything else. */
export const awsErrorName = (error: unknown): string | undefined => (error as { name?: string })?.name;

/** The HTTP status an AWS SDK error came with. */
export const httpStatusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;

/** A lookup that answers undefined for "not found" (by error name or HTTP 404) and throws anything else. */
export async function unlessNotFound<T>(
  read: () => Promise<T>,
  names: readonly string[],
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (names.includes(awsErrorName(error) ?? '') || httpStatusOf(error) === 404) return undefined;
    throw error;
  }
}
