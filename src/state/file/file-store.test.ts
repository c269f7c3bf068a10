import { appendFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers/testdir.js';
import { deployment, describeStateStore } from '../store.contract.js';
import { FileStateStore } from './file-store.js';

describeStateStore(
  'file',
  async () => ({
    state: { backend: 'file', path: 'state', lockTtlSeconds: 900 },
    projectRoot: await testdir({}),
    aws: { region: 'us-east-1' },
  }),
  async (spec, id) => {
    const folder = join(spec.projectRoot, 'state', '.agent-memory');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `${id}.json`), '{"id": "cut short');
  },
  async (spec, environment, id) => {
    await writeFile(
      join(spec.projectRoot, 'state', environment, 'deployments', `${id}.json`),
      '{"id": "cut short',
    );
  },
);

describe('file state store', () => {
  it('leaves no temporary files behind and refuses names that would leave the folder', async () => {
    const root = await testdir({});
    const store = new FileStateStore(root);
    await store.putDeployment(deployment('staging', new Date()));
    expect(
      (await readdir(join(root, 'staging', 'deployments'))).every((name) => name.endsWith('.json')),
    ).toBe(true);
    await expect(store.putDeployment(deployment('../../etc', new Date()))).rejects.toMatchObject({
      code: 'InvalidEnvironment',
    });
    await expect(
      store.putDeployment({ ...deployment('staging', new Date()), id: '../x' }),
    ).rejects.toMatchObject({ code: 'InvalidDeploymentId' });
  });

  it('reads a journal cut off by a crash in its last line up to the last whole append', async () => {
    const root = await testdir({});
    const store = new FileStateStore(root);
    const { id } = deployment('staging', new Date());
    await store.appendJournal('staging', id, { from: 0, changes: ['uploaded a.js', 'uploaded b.js'] });
    await appendFile(join(root, 'staging', 'journals', `${id}.ndjson`), '{"from":2,"changes":["upl');
    expect(await store.readJournal('staging', id)).toEqual(['uploaded a.js', 'uploaded b.js']);
  });
});
