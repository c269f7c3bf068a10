import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers/testdir.js';
import { collectFiles, MAX_FILE_BYTES } from './walk.js';

describe('collectFiles', () => {
  it('reads the kinds of file it knows, skips binaries, big files, links and node_modules', async () => {
    const root = await testdir({
      'scripts/deploy.sh': 'aws s3 sync . s3://x',
      'scripts/notes.txt': 'not a script',
      'scripts/tool': '#!/usr/bin/env bash\necho hi',
      'node_modules/x/deploy.sh': 'aws s3 sync . s3://y',
      '.github/workflows/ci.yml': 'jobs: {}',
      'config.yml': 'a: 1',
    });
    await writeFile(join(root, 'scripts/blob.sh'), Buffer.from([0x61, 0, 0x62]));
    await writeFile(join(root, 'scripts/huge.sh'), 'x'.repeat(MAX_FILE_BYTES + 1));
    await symlink('/etc', join(root, 'scripts/outside'));
    const { files, skipped } = await collectFiles(['.'], root);
    expect(files.map((file) => [file.path, file.kind])).toEqual([
      ['.github/workflows/ci.yml', 'github-actions'],
      ['scripts/deploy.sh', 'shell'],
      ['scripts/tool', 'shell'],
    ]);
    expect(skipped.map((item) => item.path).sort()).toEqual([
      'scripts/blob.sh',
      'scripts/huge.sh',
      'scripts/outside',
    ]);
  });

  it('refuses a path that does not exist as bad usage', async () => {
    const root = await testdir({});
    await expect(collectFiles(['missing'], root)).rejects.toMatchObject({
      code: 'PathNotFound',
      exitCode: 2,
    });
  });
});
