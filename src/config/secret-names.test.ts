import { describe, expect, it } from 'vitest';
import { configJsonSchema } from './schema.js';
import { isSecretName, soundsSecret } from './secret-names.js';

describe('names that say their value is a secret (issue 15, defect 4)', () => {
  it.each([
    'API_TOKEN',
    'githubToken',
    'DB_PASSWORD',
    'dbpassword',
    'SMTP_PASSWD',
    'DB_PWD',
    'clientSecret',
    'API_KEY',
    'apiKey',
    'STRIPE_KEYS',
    'signingKey',
    'AWS_CREDENTIALS',
    'PRIVATE_PEM',
    'Authorization',
    'X-Auth-Header',
    'BASIC_AUTH',
    'SESSION_COOKIE',
    'privateKey',
  ])('%s is secret', (name) => {
    expect(soundsSecret(name)).toBe(true);
  });

  it.each(['STAGE', 'SITE_BUCKET', 'keyPrefix', 'KEY_ID', 'AUTHOR', 'authority', 'PWD', 'OLDPWD', 'monkey'])(
    '%s is plain',
    (name) => {
      expect(soundsSecret(name)).toBe(false);
    },
  );

  it('leaves keys of the schema to the schema, and honours notSecret', () => {
    const schema = configJsonSchema();
    const data = { notSecret: ['CACHE_KEY'], backend: { functions: { api: { environment: {} } } } };
    expect(isSecretName(['notSecret', 0], { notSecret: new Set(), schema, data })).toBe(false);
    const variable = ['backend', 'functions', 'api', 'environment', 'CACHE_KEY'];
    expect(isSecretName(variable, { notSecret: new Set(), schema, data })).toBe(true);
    expect(isSecretName(variable, { notSecret: new Set(['CACHE_KEY']), schema, data })).toBe(false);
    const keyedAuth = ['backend', 'functions', 'auth', 'name'];
    expect(isSecretName(keyedAuth, { notSecret: new Set(), schema, data })).toBe(false);
  });

  it('no key the schema defines sounds secret unless the schema marks it secret', () => {
    const offenders: string[] = [];
    const visit = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, { secret?: boolean }> }).properties ?? {};
      for (const [key, property] of Object.entries(properties))
        if (soundsSecret(key) && property.secret !== true && key !== 'secrets' && key !== 'notSecret')
          offenders.push(key);
      Object.values(node).forEach(visit);
    };
    visit(configJsonSchema());
    expect([...new Set(offenders)]).toEqual([]);
  });
});
