import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../test/helpers/sandbox.js';
import { openStateStore } from '../open.js';
import { deployment, describeStateStore } from '../store.contract.js';

let buckets = 0;
const spec = async () => {
  const running = await sandbox();
  return {
    state: {
      backend: 's3' as const,
      bucket: `omnix-state-${++buckets}`,
      prefix: 'team/omnix',
      lockTtlSeconds: 900,
    },
    projectRoot: '/nonexistent',
    aws: running.client,
  };
};

describeStateStore(
  's3',
  spec,
  async (settings, id) => {
    if (settings.state.backend !== 's3') throw new Error('an s3 spec');
    await new S3Client({ ...settings.aws, forcePathStyle: true }).send(
      new PutObjectCommand({
        Bucket: settings.state.bucket,
        Key: `${settings.state.prefix}/.agent-memory/${id}.json`,
        Body: '{"id": "cut short',
      }),
    );
  },
  async (settings, environment, id) => {
    if (settings.state.backend !== 's3') throw new Error('an s3 spec');
    const s3 = new S3Client({ ...settings.aws, forcePathStyle: true });
    const listed = await s3.send(
      new ListObjectsV2Command({
        Bucket: settings.state.bucket,
        Prefix: `${settings.state.prefix}/${environment}/deployments/`,
      }),
    );
    const key = listed.Contents?.find((object) => object.Key?.endsWith(`_${id}.json`))?.Key;
    if (!key) throw new Error(`no object of deployment ${id}`);
    await s3.send(
      new PutObjectCommand({ Bucket: settings.state.bucket, Key: key, Body: '{"id": "cut short' }),
    );
  },
);

describe('s3 state store', () => {
  it('says the bucket is missing, and how to create it, instead of finding no state', async () => {
    const store = await openStateStore(await spec());
    for (const read of [() => store.listReleases('staging'), () => store.readLock('staging')])
      await expect(read()).rejects.toMatchObject({
        code: 'StateBucketMissing',
        hint: 'Create it: omnix state init',
      });
  });

  it('creates its bucket versioned, and lists the newest records from key order alone', async () => {
    const settings = await spec();
    const store = await openStateStore(settings);
    expect(await store.init()).toMatch(/created the state bucket omnix-state-\d+ \(versioned\)/);
    expect(await store.init()).toMatch(/exists/);
    const older = deployment('staging', new Date('2026-03-01T00:00:00.001Z'));
    const newer = deployment('staging', new Date('2026-03-01T00:00:00.002Z'));
    await store.putDeployment(older);
    await store.putDeployment(newer);
    const s3 = new S3Client({ ...settings.aws, forcePathStyle: true });
    const { Contents } = await s3.send(
      new ListObjectsV2Command({ Bucket: settings.state.bucket, Prefix: 'team/omnix/staging/deployments/' }),
    );
    expect(Contents?.map((object) => object.Key?.split('_')[1])).toEqual([
      `${newer.id}.json`,
      `${older.id}.json`,
    ]);
  });
});
