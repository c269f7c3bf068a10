import { gunzipSync } from 'node:zlib';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/actions/deploy/build.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { dynamoDb } from '../helpers/dynalite.js';
import { omnixProcess, type ProcessRun } from '../helpers/omnix-process.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

const SECRET = 'hunter2-do-not-store';

/**
 * Ten `omnix deploy staging` processes at once against one sandbox and one shared state store. The
 * invalidation is slowed down by 15 s, so the winner still holds the lock when every other process reaches it.
 */
async function tenAtOnce(stateEnv: Record<string, string>) {
  const fixture = await deployFixture({}, 'staging');
  const { project, running } = fixture;
  await runBuild('frontend', 'npm run build', project, { ...process.env, OMNIX_ENVIRONMENT: 'staging' });
  await fetch(`${running.endpoint}/_omnix/faults`, {
    method: 'PUT',
    body: JSON.stringify({
      rules: [{ service: 'cloudfront', operation: 'CreateInvalidation', latencyMs: 15_000 }],
    }),
  });
  const env = fixture.processEnv({
    ...stateEnv,
    OMNIX__SECRETS__SESSION_KEY: SECRET,
  });
  const init = await omnixProcess(['state', 'init', 'staging'], project, env);
  expect(init.code, init.stderr).toBe(0);
  const runs = await Promise.all(
    Array.from({ length: 10 }, () =>
      omnixProcess(['deploy', 'staging', '--yes', '--skip-build'], project, env),
    ),
  );
  return { ...fixture, env, runs };
}

async function expectOneDeployed(runs: ProcessRun[], project: string, env: Record<string, string>) {
  const winners = runs.filter((run) => run.code === 0);
  const losers = runs.filter((run) => run.code === 4);
  expect(winners, runs.map((run) => run.stderr).join('\n')).toHaveLength(1);
  expect(losers).toHaveLength(9);
  const history = JSON.parse((await omnixProcess(['history', 'staging', '--json'], project, env)).stdout) as {
    deployments: Array<{ id: string; status: string; release: number }>;
  };
  expect(history.deployments).toHaveLength(1);
  const [only] = history.deployments;
  expect(only).toMatchObject({ status: 'succeeded', release: 1 });
  for (const loser of losers) expect(loser.stderr).toContain(`staging is locked by`);
  for (const loser of losers) expect(loser.stderr).toContain(`deployment ${only!.id}`);
  // The secret was part of the configuration deployed, and the record keeps it only as ***.
  const shown = JSON.parse(
    (await omnixProcess(['history', 'show', only!.id, '--json'], project, env)).stdout,
  );
  expect(Object.values(shown.config.secrets)).toEqual(['***']);
  const status = JSON.parse((await omnixProcess(['status', 'staging', '--json'], project, env)).stdout);
  expect(status).toMatchObject({ release: { number: 1 }, lock: null, interrupted: [] });
}

// slow: ten CLI processes each, against the sandbox.
describe('ten concurrent deployments of one environment', { timeout: 90_000 }, () => {
  it('with the s3 store: one deploys, nine exit 4 naming it, and no record holds a secret', async () => {
    const { runs, project, env, running } = await tenAtOnce({
      OMNIX__STATE__BACKEND: 's3',
      OMNIX__STATE__BUCKET: 'omnix-shop-state',
    });
    await expectOneDeployed(runs, project, env);
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: running.endpoint,
      credentials: TEST_CREDENTIALS,
      forcePathStyle: true,
    });
    const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: 'omnix-shop-state' }));
    expect(Contents.length).toBeGreaterThan(1);
    for (const { Key } of Contents) {
      const body = await (
        await s3.send(new GetObjectCommand({ Bucket: 'omnix-shop-state', Key }))
      ).Body!.transformToString();
      expect(body).not.toContain(SECRET);
    }
  });

  it('with the dynamodb store: one deploys, nine exit 4 naming it, and no item holds a secret', async () => {
    const table = await dynamoDb();
    const { runs, project, env } = await tenAtOnce({
      OMNIX__STATE__BACKEND: 'dynamodb',
      OMNIX__STATE__TABLE: 'omnix-shop-state',
      OMNIX__STATE__ENDPOINT: table.endpoint,
    });
    await expectOneDeployed(runs, project, env);
    const { Items = [] } = await new DynamoDBClient(table.client).send(
      new ScanCommand({ TableName: 'omnix-shop-state' }),
    );
    expect(Items.length).toBeGreaterThan(1);
    for (const item of Items) {
      const body = item.Body?.B ? gunzipSync(item.Body.B).toString('utf8') : JSON.stringify(item);
      expect(body).not.toContain(SECRET);
    }
  });
});
