import { mkdir, readdir, writeFile } from 'node:fs/promises';
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
});
