/** What a secret-bearing value is shown as, everywhere. */
export const REDACTED = '***';

/** Replaces `value` with `***` when `secret`; keeps absent values absent so a diff still says "unset". */
export function redactIf<T>(value: T, secret: boolean): T | typeof REDACTED {
  if (!secret || value === undefined || value === null || value === '') return value;
  return REDACTED;
}
