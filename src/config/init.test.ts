import { describe, expect, it } from 'vitest';
import { testdir } from '../../test/helpers/testdir.js';
import { scaffoldConfig, writeScaffold } from './init.js';
import { loadValidConfig } from './load.js';

describe('scaffoldConfig', () => {
  it('marks assets immutable only with a comment that they must be content-hashed, and still loads', async () => {
    const root = await testdir({});
    const files = scaffoldConfig(
      {
        project: 'shop',
        region: 'eu-west-1',
        environments: ['development'],
        frontend: { source: 'web/dist' },
      },
      root,
    );
    const master = Object.entries(files).find(([, text]) => text.includes('cacheControl:'))![1];
    const rule = master.split('\n').findIndex((line) => line.includes('immutable" }'));
    expect(
      master
        .split('\n')
        .slice(rule - 2, rule)
        .join('\n'),
    ).toMatch(/content-hashed names/);
    await writeScaffold(root, files);
    const loaded = await loadValidConfig({ environment: 'development', configDir: root, cwd: root, env: {} });
    expect(loaded.config.frontend?.cacheControl[0]).toMatchObject({ match: 'assets/**' });
  });
});
