/** What a secret-bearing value is shown as, everywhere. */
export const REDACTED = '***';
