import { DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoDb } from '../../../test/helpers/dynalite.js';
import { openStateStore } from '../open.js';
import { deployment, describeStateStore } from '../store.contract.js';

let tables = 0;
const spec = async () => {
  const running = await dynamoDb();
  return {
    state: { backend: 'dynamodb' as const, table: `omnix-state-${++tables}`, lockTtlSeconds: 900 },
    projectRoot: '/nonexistent',
    aws: running.client,
  };
};

describeStateStore(
  'dynamodb',
  spec,
  async (settings, id) => {
    if (settings.state.backend !== 'dynamodb') throw new Error('a dynamodb spec');
    await new DynamoDBClient(settings.aws).send(
      new PutItemCommand({
        TableName: settings.state.table,
        Item: {
          PK: { S: '.agent-memory' },
          SK: { S: `memory#${id}` },
          Body: { B: new TextEncoder().encode('not gzip') },
        },
      }),
    );
  },
  async (settings, environment, id) => {
    if (settings.state.backend !== 'dynamodb') throw new Error('a dynamodb spec');
    await new DynamoDBClient(settings.aws).send(
      new PutItemCommand({
        TableName: settings.state.table,
        Item: {
          PK: { S: environment },
          SK: { S: `deployment#${id}` },
          DeploymentId: { S: id },
          Body: { B: new TextEncoder().encode('not gzip') },
        },
      }),
    );
  },
);

describe('dynamodb state store', () => {
  it('creates its table with the documented keys and index, and says so', async () => {
    const settings = await spec();
    const store = await openStateStore(settings);
    await expect(store.putDeployment(deployment('staging', new Date()))).rejects.toMatchObject({
      code: 'StateTableMissing',
    });
    expect(await store.init()).toMatch(/created the state table/);
    expect(await store.init()).toMatch(/exists/);
    const { Table } = await new DynamoDBClient(settings.aws).send(
      new DescribeTableCommand({ TableName: settings.state.table }),
    );
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.[0]?.IndexName).toBe('ByDeploymentId');
  });

  it('keeps a release of thousands of files in one item, compressed', async () => {
    const settings = await spec();
    const store = await openStateStore(settings);
    await store.init();
    const objects = Array.from({ length: 3000 }, (_, i) => ({
      key: `assets/chunk-${i}.js`,
      versionId: `v${i.toString(36).padStart(30, 'x')}`,
      md5: i.toString(16).padStart(32, '0'),
    }));
    const release = {
      environment: 'staging',
      number: 1,
      deploymentId: 'd-1',
      createdAt: new Date().toISOString(),
      manifest: { frontend: { bucket: 'web', objects } },
    };
    await store.putRelease(release);
    expect((await store.getRelease('staging', 1))?.manifest.frontend?.objects).toHaveLength(3000);
  });
});
