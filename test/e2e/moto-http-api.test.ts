import { join } from 'node:path';
import { ApiGatewayV2Client, GetRoutesCommand } from '@aws-sdk/client-apigatewayv2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapPlanFor } from '../../src/actions/bootstrap/bootstrap-plan.js';
import { loadValidConfig } from '../../src/config/load.js';
import { bootstrapResources } from '../../src/providers/aws/bootstrap.js';
import { FileStateStore } from '../../src/state/file/file-store.js';
import { type Moto, motoUnavailable, startMoto } from '../helpers/moto.js';
import { omnixProcess } from '../helpers/omnix-process.js';
import { testdir } from '../helpers/testdir.js';

// The preview shape of the example against moto's API Gateway v2. moto has no HTTP API deployments
// (CreateDeployment and GetDeployment answer an HTML 404) and no UpdateStage (an HTML 500), so a stage
// can be neither deployed nor rolled back there: omnix must say so and stop, not crash or claim success.
const MASTER = `project: motohttp
aws:
  region: us-east-1
  endpoint: \${env:MOTO_ENDPOINT}
backend:
  functions:
    api:
      name: motohttp-api-\${environment}
      source: api
    worker:
      name: motohttp-worker-\${environment}
      source: worker
  api:
    type: http
    name: motohttp-\${environment}
    stage: $default
    routes:
      GET /health: api
      POST /orders: worker
      $default: api
health:
  checks: []
`;

const CREDENTIALS = { accessKeyId: 'AKIAMOTOTEST', secretAccessKey: 'moto' };
const unavailable = motoUnavailable();
if (unavailable) console.warn(`skipping the HTTP API deployment against moto: ${unavailable}`);

describe.skipIf(unavailable)('an HTTP API deployment against moto', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  }, 90_000);
  afterAll(() => moto?.stop());

  it('makes the routes, then fails clearly at CreateDeployment, which moto does not implement, and records no release', async () => {
    const project = await testdir({
      'config/deployment-config.yaml': MASTER,
      'config/environments/development.yaml': '',
      'api/index.mjs': 'export const handler = async () => ({ statusCode: 200, body: "api" });\n',
      'worker/index.mjs': 'export const handler = async () => ({ statusCode: 200, body: "worker" });\n',
    });
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: project,
      NO_COLOR: '1',
      MOTO_ENDPOINT: moto.endpoint,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const loaded = await loadValidConfig({
      environment: 'development',
      configDir: project,
      env,
      cwd: project,
    });
    const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: CREDENTIALS });
    for (const fn of ['api', 'worker'])
      await iam.send(
        new CreateRoleCommand({
          RoleName: `omnix-lambda-motohttp-${fn}-development`,
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
            ],
          }),
        }),
      );
    iam.destroy();
    // The routes are omnix's: bootstrap makes an empty HTTP API, with no deployment to need.
    const created = await bootstrapResources(
      { region: 'us-east-1', endpoint: moto.endpoint, credentials: CREDENTIALS },
      '123456789012',
      bootstrapPlanFor(loaded.config),
    );
    expect(created.created).toContainEqual(expect.stringMatching(/^HTTP API motohttp-development \(\w+\)$/));
    const omnix = (...args: string[]) => omnixProcess(args, project, env);

    const validate = await omnix('validate', 'development', '--json');
    const report = JSON.parse(validate.stdout.trim().split('\n').at(-1)!) as {
      checks: Array<{ name: string; status: string; message: string }>;
    };
    expect(report.checks.find((check) => check.name === 'api')).toMatchObject({ status: 'warn' });

    const deploy = await omnix('deploy', 'development', '--yes');
    const output = deploy.stdout + deploy.stderr;
    expect(deploy.code, output).toBe(1);
    expect(output).toContain(
      `deploying the HTTP API ${created.apiId} to stage $default (CreateDeployment) failed: the endpoint answered HTTP 404 (text/html; charset=utf-8) instead of an AWS answer, so it does not implement this operation`,
    );
    expect(output).not.toMatch(/deployed development|SyntaxError|Unexpected token/);
    const store = new FileStateStore(join(project, '.omnix/state'));
    const [record] = await store.listDeployments('development');
    expect(record).toMatchObject({ status: 'rolled_back', errors: [{ code: 'OperationNotSupported' }] });
    expect(await store.listReleases('development')).toEqual([]);

    // The routes it made before failing stay in the API's definition; no stage serves them.
    const routes = await new ApiGatewayV2Client({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: CREDENTIALS,
    }).send(new GetRoutesCommand({ ApiId: created.apiId }));
    expect(routes.Items?.map((route) => route.RouteKey).sort()).toEqual([
      '$default',
      'GET /health',
      'POST /orders',
    ]);
  }, 600_000);
});
