import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers/testdir.js';
import { deployment, describeStateStore } from '../store.contract.js';
import { FileStateStore } from './file-store.js';

describeStateStore('file', async () => new FileStateStore(await testdir({})));

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

  it('lets exactly one of ten processes hold the lock', async () => {
    const root = await testdir({});
    const moduleUrl = new URL('../../../dist/state/file/file-store.js', import.meta.url).href;
    const script = `import(${JSON.stringify(moduleUrl)}).then(async ({ FileStateStore }) => {
      const result = await new FileStateStore(${JSON.stringify(root)}).acquireLock('staging', { user: 'p' + process.pid, host: 'h', pid: process.pid }, 60);
      process.stdout.write(result.acquired ? 'won' : 'lost:' + result.holder.holder.user);
    });`;
    const runs = await Promise.all(
      Array.from(
        { length: 10 },
        () =>
          new Promise<string>((resolve, reject) => {
            const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
            let out = '';
            child.stdout.on('data', (chunk) => (out += chunk));
            child.on('error', reject);
            child.on('close', () => resolve(out));
          }),
      ),
    );
    expect(runs.filter((r) => r === 'won')).toHaveLength(1);
    const holders = new Set(runs.filter((r) => r.startsWith('lost:')).map((r) => r.slice(5)));
    expect(holders.size).toBe(1);
  });
});
