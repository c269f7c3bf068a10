import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadValidConfig } from '../../src/config/load.js';
import { awsReferenceReaders, resolveDeployTimeReferences } from '../../src/config/resolve-deploy-time.js';
import { redactConfig } from '../../src/config/secrets.js';
import { type Moto, motoUnavailable, startMoto } from '../helpers/moto.js';
import { project, testdir } from '../helpers/testdir.js';

const CREDENTIALS = { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' };
const SECRET = 'pw-from-moto-1234';
const unavailable = motoUnavailable();

// slow: a real moto server; skipped, with this reason, where python3 has no moto.
describe.skipIf(unavailable !== undefined)(
  `\${self:} → \${ssm:} against moto, a SecureString through the SSM API${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let moto: Moto | undefined;
    let endpoint = '';

    beforeAll(async () => {
      moto = await startMoto();
      endpoint = moto.endpoint;
      const { SSMClient, PutParameterCommand } = await import('@aws-sdk/client-ssm');
      const ssm = new SSMClient({ region: 'us-east-1', endpoint, credentials: CREDENTIALS });
      await ssm.send(
        new PutParameterCommand({ Name: '/omnix/dev/db-password', Value: SECRET, Type: 'SecureString' }),
      );
      ssm.destroy();
    }, 120_000);

    afterAll(() => moto?.stop());

    it('deploys the decrypted value, never the reference text, and redacts every copy', async () => {
      const root = await testdir(
        project(
          `project: shop
aws:
  region: us-east-1
  endpoint: \${env:OMNIX_AWS_ENDPOINT}
secrets:
  dbPassword: \${ssm:/omnix/dev/db-password}
backend:
  functions:
    api:
      name: shop-api
      source: api
      environment:
        DB: \${self:secrets.dbPassword}
        URL: postgres://app:\${self:secrets.dbPassword}@db
`,
        ),
      );
      const loaded = await loadValidConfig({
        environment: 'development',
        configDir: root,
        env: { OMNIX_AWS_ENDPOINT: endpoint },
        cwd: root,
      });

      const resolved = await resolveDeployTimeReferences(
        loaded,
        awsReferenceReaders({ ...loaded.config.aws, credentials: CREDENTIALS }),
      );

      if (!resolved.ok) throw new Error(JSON.stringify(resolved.errors));
      expect(resolved.config.backend?.functions.api?.environment).toEqual({
        DB: SECRET,
        URL: `postgres://app:${SECRET}@db`,
      });
      expect(JSON.stringify(redactConfig(resolved.config, resolved.secretPaths))).not.toContain(SECRET);
    }, 60_000);
  },
);
