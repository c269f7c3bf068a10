import { describe, expect, it } from 'vitest';
import { hideSecretsInError } from './secret-hider.js';

describe('hideSecretsInError', () => {
  it('hides secret values in the error and every cause, in place', () => {
    const aws = new Error('String measured: {"API_TOKEN":"tok-123456"}');
    const wrapped = new Error('applying failed: String measured: {"API_TOKEN":"tok-123456"}', { cause: aws });
    hideSecretsInError(wrapped, (text) => text.replaceAll('tok-123456', '***'));
    expect(wrapped.message).toBe('applying failed: String measured: {"API_TOKEN":"***"}');
    expect(aws.message).toBe('String measured: {"API_TOKEN":"***"}');
  });

  it('stops at a cause that loops back', () => {
    const error = new Error('tok-123456');
    (error as { cause?: unknown }).cause = error;
    hideSecretsInError(error, (text) => text.replaceAll('tok-123456', '***'));
    expect(error.message).toBe('***');
  });
});
