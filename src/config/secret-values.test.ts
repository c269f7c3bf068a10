import { describe, expect, it } from 'vitest';
import { hideSecretValues, secretValues } from './secret-values.js';

const config = {
  secrets: { dbPassword: 'pa"ss-word-1234', short: 'ab' },
  backend: {
    functions: { api: { environment: { DATABASE_URL: 'postgres://app:pa"ss-word-1234@db', STAGE: 'dev' } } },
  },
};
const secretPaths = new Set([
  'secrets.dbPassword',
  'secrets.short',
  'backend.functions.api.environment.DATABASE_URL',
]);

describe('hideSecretValues', () => {
  const values = secretValues(config, secretPaths);

  it('hides every secret value in foreign text, as written and as JSON escapes it', () => {
    expect(hideSecretValues('cannot reach postgres://app:pa"ss-word-1234@db now', values)).toBe(
      'cannot reach *** now',
    );
    expect(hideSecretValues('status 503 (body: {"password":"pa\\"ss-word-1234"})', values)).toBe(
      'status 503 (body: {"password":"***"})',
    );
  });

  it('leaves plain values and secrets too short to look for alone', () => {
    expect(hideSecretValues('stage dev, ab', values)).toBe('stage dev, ab');
  });

  it('hides a secret cut short where the text was shortened', () => {
    expect(hideSecretValues('status 503 (body: {"token":"pa\\"ss-wo...', values)).toBe(
      'status 503 (body: ***...',
    );
  });
});
