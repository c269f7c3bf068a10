import { describe, expect, it } from 'vitest';
import { project, testdir } from '../../../test/helpers/testdir.js';
import { type LoadedConfig, loadConfig } from '../load.js';
import { resolveDeployTimeReferences } from '../resolve-deploy-time.js';
import { redactConfig } from '../secrets.js';
import type { AwsReferenceReaders } from './types.js';

const MASTER = `project: shop
aws:
  region: eu-west-1
secrets:
  dbPassword: \${ssm:/omnix/dev/db-password}
  viaSelf: \${self:secrets.dbPassword}
backend:
  functions:
    api:
      name: shop-api
      source: api
      environment:
        DB: \${self:secrets.dbPassword}
        TWICE: \${self:secrets.viaSelf}
        URL: postgres://app:\${self:secrets.dbPassword}@db
        STAGE: \${self:backend.functions.api.environment.PLAIN}
        PLAIN: \${env:STAGE_NAME}
`;

const readers = (parameters: Record<string, string>): AwsReferenceReaders => ({
  stackOutputs: async () => ({}),
  parameter: async (name) => {
    const value = parameters[name];
    if (value === undefined) throw new Error(`no parameter ${name}`);
    return value;
  },
});

async function load(master: string, env: Record<string, string> = {}) {
  const root = await testdir(project(master));
  return loadConfig({ environment: 'development', configDir: root, env, cwd: root });
}

async function loadValid(master: string, env: Record<string, string> = {}): Promise<LoadedConfig> {
  const loaded = await load(master, env);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded;
}

describe('references through ${self:} chains (issue 15, defect 3)', () => {
  it('resolves ${self:} → ${ssm:} at deploy time instead of deploying the reference text', async () => {
    const loaded = await loadValid(MASTER, { STAGE_NAME: 'dev' });
    expect([...loaded.pending.keys()]).toEqual(
      expect.arrayContaining([
        'secrets.dbPassword',
        'secrets.viaSelf',
        'backend.functions.api.environment.DB',
        'backend.functions.api.environment.TWICE',
        'backend.functions.api.environment.URL',
      ]),
    );

    const resolved = await resolveDeployTimeReferences(
      loaded,
      readers({ '/omnix/dev/db-password': 's3cr3t' }),
    );

    if (!resolved.ok) throw new Error(JSON.stringify(resolved.errors));
    expect(resolved.config.backend?.functions.api?.environment).toEqual({
      DB: 's3cr3t',
      TWICE: 's3cr3t',
      URL: 'postgres://app:s3cr3t@db',
      STAGE: 'dev',
      PLAIN: 'dev',
    });
    expect(resolved.pending.size).toBe(0);
  });

  it('carries the secret along the chain: every copy of the secret is redacted', async () => {
    const loaded = await loadValid(MASTER, { STAGE_NAME: 'dev' });
    const resolved = await resolveDeployTimeReferences(
      loaded,
      readers({ '/omnix/dev/db-password': 's3cr3t' }),
    );
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.errors));

    const shown = JSON.stringify(redactConfig(resolved.config, resolved.secretPaths));

    expect(shown).not.toContain('s3cr3t');
    expect(resolved.config.backend?.functions.api?.environment.STAGE).toBe('dev');
    expect(resolved.secretPaths.has('backend.functions.api.environment.STAGE')).toBe(false);
  });

  it('copies a mapping that holds a deploy-time reference and resolves it inside the copy', async () => {
    const loaded = await loadValid(`project: shop
aws:
  region: eu-west-1
secrets:
  db: \${ssm:/omnix/dev/db-password}
backend:
  functions:
    api:
      name: shop-api
      source: api
      environment: \${self:secrets}
`);
    const resolved = await resolveDeployTimeReferences(loaded, readers({ '/omnix/dev/db-password': 'pw' }));
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.errors));
    expect(resolved.config.backend?.functions.api?.environment).toEqual({ db: 'pw' });
    expect(resolved.secretPaths.has('backend.functions.api.environment.db')).toBe(true);
  });

  it('reports a cycle through ${self:} as an error at its line', async () => {
    const result = await load(`project: shop
aws:
  region: eu-west-1
secrets:
  a: \${self:secrets.b}
  b: \${self:secrets.a}
frontend:
  source: web
  bucket: shop-web
`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ line: 5, message: expect.stringMatching(/cyclic/) });
  });

  it('refuses a parameter that cannot be read rather than deploying the reference', async () => {
    const loaded = await loadValid(MASTER, { STAGE_NAME: 'dev' });
    const failing: AwsReferenceReaders = {
      stackOutputs: async () => ({}),
      parameter: async () => {
        throw new (await import('../../core/errors.js')).OmnixError(
          'ParameterNotFound',
          'parameter not found',
        );
      },
    };
    const resolved = await resolveDeployTimeReferences(loaded, failing);
    expect(resolved.ok).toBe(false);
  });
});
