import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { bootstrapPlanFor } from '../../src/actions/bootstrap/bootstrap-plan.js';
import { loadValidConfig } from '../../src/config/load.js';
import { bootstrapResources } from '../../src/providers/aws/bootstrap.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

/** Quick retries: a release that is broken stays broken. */
const FAST_HEALTH = { OMNIX__HEALTH__RETRIES: '1', OMNIX__HEALTH__RETRY_INTERVAL: '50ms' };

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!);

// slow: three deployments of the example to the sandbox.
describe('prevention across environments (issue 17)', () => {
  it('reports and blocks in production a change that failed its health checks in staging, until the fix succeeds in staging', async () => {
    // given: staging deployed once, production's resources created but never deployed
    const fixture = await deployFixture({}, 'staging');
    const env = fixture.processEnv();
    const cli = (args: string[], extra: Record<string, string> = {}) =>
      runCli(args, { cwd: fixture.project, env: { ...env, ...extra } });
    const production = await loadValidConfig({
      environment: 'production',
      configDir: fixture.project,
      env,
      cwd: fixture.project,
    });
    await bootstrapResources(
      { region: 'us-east-1', endpoint: fixture.running.endpoint, credentials: TEST_CREDENTIALS },
      '000000000000',
      bootstrapPlanFor(production.config),
    );
    expect((await cli(['deploy', 'staging', '--yes', '--json'])).exitCode).toBe(0);

    // when: a change that breaks /health is deployed to staging
    const handler = join(fixture.project, 'backend/api/index.mjs');
    const good = await readFile(handler, 'utf8');
    await writeFile(
      handler,
      good.replace("return json(200, { status: 'ok'", "return json(500, { status: 'broken'"),
    );
    const failed = await cli(['deploy', 'staging', '--yes', '--json'], FAST_HEALTH);
    expect(failed.exitCode, failed.stdout).toBe(1);
    const [failedRecord] = await fixture.store.listDeployments('staging', { limit: 1 });
    expect(failedRecord).toMatchObject({ status: 'rolled_back' });

    // then: production's plan names the staging deployment
    const plan = await cli(['plan', 'production', '--json']);
    expect(plan.exitCode, plan.stderr).toBe(0);
    const { agent } = lastJson(plan.stdout);
    expect(agent.knownFailures).toEqual([
      expect.objectContaining({
        deploymentId: failedRecord!.id,
        environment: 'staging',
        signature: expect.stringContaining('HealthCheckFailed'),
        failure: 'health-check-failed-http',
        reason: expect.stringContaining(`failed in staging (deployment ${failedRecord!.id}`),
        remedy: expect.any(String),
      }),
    ]);

    // and with blockKnownFailures a deployment to production stops before any change (exit 3)
    const lambda = new LambdaClient({
      region: 'us-east-1',
      endpoint: fixture.running.endpoint,
      credentials: TEST_CREDENTIALS,
    });
    const codeOf = async () =>
      (await lambda.send(new GetFunctionCommand({ FunctionName: 'omnix-shop-api-production' }))).Configuration
        ?.CodeSha256;
    const liveBefore = await codeOf();
    await appendFile(
      join(fixture.project, 'config/deployment-config.yaml'),
      '\nagent:\n  blockKnownFailures: true\n',
    );
    const blocked = await cli(['deploy', 'production', '--yes', '--json']);
    expect(blocked.exitCode, blocked.stdout).toBe(3);
    expect(lastJson(blocked.stdout)).toMatchObject({ error: { code: 'KnownFailure' } });
    expect(await fixture.store.listDeployments('production')).toEqual([]);
    expect(await fixture.store.readLock('production')).toBeUndefined();
    expect(await codeOf()).toBe(liveBefore);

    // when: the fix deploys to staging successfully
    await writeFile(handler, good.replace("const VERSION = '1.0.0'", "const VERSION = '1.0.1'"));
    const fixed = await cli(['deploy', 'staging', '--yes', '--json'], FAST_HEALTH);
    expect(fixed.exitCode, fixed.stdout).toBe(0);
    const planEvent = fixed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .find((event) => event.type === 'event' && event.phase === 'plan' && event.data);
    expect(planEvent.data.agent).toMatchObject({ knownFailures: [] });

    // then: production's plan no longer flags it
    const after = await cli(['plan', 'production', '--json']);
    expect(after.exitCode, after.stderr).toBe(0);
    expect(lastJson(after.stdout).agent).toMatchObject({ knownFailures: [] });
  }, 240_000);
});
