import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadValidConfig } from '../../src/config/load.js';
import { awsReferenceReaders, resolveDeployTimeReferences } from '../../src/config/resolve-deploy-time.js';
import { redactConfig } from '../../src/config/secrets.js';
import { project, testdir } from '../helpers/testdir.js';

const hasMoto = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0;
const CREDENTIALS = { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' };
const SECRET = 'pw-from-moto-1234';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// slow: a real moto server; skipped, with this reason, where python3 has no moto.
describe.skipIf(!hasMoto)(
  '${self:} → ${ssm:} against moto, a SecureString through the SSM API (needs python3 -m moto.server)',
  () => {
    let moto: ChildProcess | undefined;
    let endpoint = '';

    beforeAll(async () => {
      const port = await freePort();
      endpoint = `http://127.0.0.1:${port}`;
      moto = spawn('python3', ['-m', 'moto.server', '-p', String(port)], { stdio: 'ignore' });
      for (let attempt = 0; attempt < 300; attempt++) {
        if (
          await fetch(`${endpoint}/moto-api/`).then(
            () => true,
            () => false,
          )
        )
          break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const { SSMClient, PutParameterCommand } = await import('@aws-sdk/client-ssm');
      const ssm = new SSMClient({ region: 'us-east-1', endpoint, credentials: CREDENTIALS });
      await ssm.send(
        new PutParameterCommand({ Name: '/omnix/dev/db-password', Value: SECRET, Type: 'SecureString' }),
      );
      ssm.destroy();
    }, 120_000);

    afterAll(() => {
      moto?.kill();
    });

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
