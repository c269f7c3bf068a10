import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapPlanFor } from '../../src/actions/bootstrap/bootstrap-plan.js';
import { loadValidConfig } from '../../src/config/load.js';
import { bootstrapResources } from '../../src/providers/aws/bootstrap.js';
import { type Moto, motoUnavailable, startMoto } from '../helpers/moto.js';
import { omnixProcess } from '../helpers/omnix-process.js';
import { testdir } from '../helpers/testdir.js';

// moto runs Lambda code only in docker, so no health check here invokes a function: the deployment,
// its read-back, a second deployment and a rollback are what is checked against moto.
const MASTER = `project: motoapp
aws:
  region: us-east-1
  endpoint: \${env:MOTO_ENDPOINT}
frontend:
  source: web
  bucket: motoapp-site-\${environment}
  entryPoints: [index.html]
backend:
  functions:
    api:
      name: motoapp-api-\${environment}
      source: api
      handler: index.handler
      runtime: nodejs22.x
  api:
    type: rest
    name: motoapp-\${environment}
    stage: dev
health:
  checks: []
`;

const CREDENTIALS = { accessKeyId: 'AKIAMOTOTEST', secretAccessKey: 'moto' };

const unavailable = motoUnavailable();
if (unavailable) console.warn(`skipping the deployment against moto: ${unavailable}`);

describe.skipIf(unavailable)('omnix deploy against moto', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  }, 90_000);
  afterAll(() => moto?.stop());

  it('deploys, deploys a change, and rolls back', async () => {
    const project = await testdir({
      'config/deployment-config.yaml': MASTER,
      'config/environments/development.yaml': '',
      'web/index.html': '<html><script src="app.js"></script></html>',
      'web/app.js': 'console.log(1);\n',
      'api/index.mjs': 'export const handler = async () => ({ statusCode: 200, body: "v1" });\n',
    });
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: project,
      NO_COLOR: '1',
      MOTO_ENDPOINT: moto.endpoint,
      AWS_ACCESS_KEY_ID: 'AKIAMOTOTEST',
      AWS_SECRET_ACCESS_KEY: 'moto',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const loaded = await loadValidConfig({
      environment: 'development',
      configDir: project,
      env,
      cwd: project,
    });
    // moto's Lambda refuses a role its IAM does not know; real AWS needs one too, made outside omnix.
    const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: CREDENTIALS });
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'omnix-lambda-motoapp-api-development',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    iam.destroy();
    await bootstrapResources(
      {
        region: 'us-east-1',
        endpoint: moto.endpoint,
        credentials: { accessKeyId: 'AKIAMOTOTEST', secretAccessKey: 'moto' },
      },
      '123456789012',
      bootstrapPlanFor(loaded.config),
    );
    const omnix = (...args: string[]) => omnixProcess(args, project, env);

    const first = await omnix('deploy', 'development', '--yes');
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout + first.stderr).toMatch(/invalidation \S+: COMPLETED after \d+ s/);

    await writeFile(join(project, 'web/app.js'), 'console.log(2);\n');
    await writeFile(
      join(project, 'api/index.mjs'),
      'export const handler = async () => ({ statusCode: 200, body: "v2" });\n',
    );
    const second = await omnix('deploy', 'development', '--yes');
    expect(second.code, second.stdout + second.stderr).toBe(0);

    const rollback = await omnix('rollback', 'development', '--yes');
    expect(rollback.code, rollback.stdout + rollback.stderr).toBe(0);
    const status = await omnix('status', 'development');
    expect(status.code, status.stdout + status.stderr).toBe(0);
    expect(status.stdout).toMatch(/live release: v3/);
  }, 600_000);
});
