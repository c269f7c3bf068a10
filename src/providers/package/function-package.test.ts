import { chmod, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../test/helpers/sandbox.js';
import { testdir } from '../../../test/helpers/testdir.js';
import { packageFunction } from './function-package.js';

const EXAMPLE_API = join(import.meta.dirname, '../../../examples/webapp/backend/api');

describe('packageFunction', () => {
  it('gives the same bytes for the same content, whatever the file times and creation order', async () => {
    const a = await testdir({
      'index.mjs': 'export const handler = () => 1;',
      'lib/util.mjs': 'export const x = 1;',
    });
    const b = await testdir({
      'lib/util.mjs': 'export const x = 1;',
      'index.mjs': 'export const handler = () => 1;',
    });
    await utimes(join(b, 'index.mjs'), new Date('2020-05-05'), new Date('2020-05-05'));
    const [first, second] = [await packageFunction(a), await packageFunction(b)];
    expect(second.zip.equals(first.zip)).toBe(true);
    expect(second.codeSha256).toBe(first.codeSha256);
    expect(first).toMatchObject({ files: 2, unzippedBytes: 50 });
    expect(Object.keys(unzipSync(first.zip))).toEqual(['index.mjs', 'lib/util.mjs']);
  });

  it('changes the hash when a byte of content changes', async () => {
    const dir = await testdir({ 'index.mjs': 'export const handler = () => 1;' });
    const before = await packageFunction(dir);
    await writeFile(join(dir, 'index.mjs'), 'export const handler = () => 2;');
    expect((await packageFunction(dir)).codeSha256).not.toBe(before.codeSha256);
  });

  it('normalizes permissions to 644 or 755', async () => {
    const dir = await testdir({ 'index.mjs': 'x', bootstrap: '#!/bin/sh' });
    await chmod(join(dir, 'index.mjs'), 0o600);
    const owner = await packageFunction(dir);
    await chmod(join(dir, 'index.mjs'), 0o664);
    expect((await packageFunction(dir)).codeSha256).toBe(owner.codeSha256);
    await chmod(join(dir, 'bootstrap'), 0o755);
    expect((await packageFunction(dir)).codeSha256).not.toBe(owner.codeSha256);
  });

  it('packages a link inside the source as its target, and refuses one leading out (issue 15)', async () => {
    const dir = await testdir({ 'index.mjs': 'x', 'lib/util.mjs': 'y' });
    await symlink('lib', join(dir, 'shared'));
    await symlink('index.mjs', join(dir, 'main.mjs'));
    expect(Object.keys(unzipSync((await packageFunction(dir)).zip))).toEqual([
      'index.mjs',
      'lib/util.mjs',
      'main.mjs',
      'shared/util.mjs',
    ]);
    await symlink('/etc/passwd', join(dir, 'lib/passwd'));
    await expect(packageFunction(dir)).rejects.toMatchObject({
      code: 'LinkRefused',
      exitCode: 3,
      message: expect.stringContaining('lib/passwd → /etc/passwd, which leads outside it'),
    });
  });

  it('takes a .zip as it is, and explains a missing, empty or wrong source', async () => {
    const dir = await testdir({ 'code/index.mjs': 'x', 'note.txt': 'x' });
    const built = await packageFunction(join(dir, 'code'));
    await writeFile(join(dir, 'built.zip'), built.zip);
    expect((await packageFunction(join(dir, 'built.zip'))).codeSha256).toBe(built.codeSha256);
    await expect(packageFunction(join(dir, 'nope'))).rejects.toMatchObject({
      code: 'ArtifactMissing',
      exitCode: 2,
    });
    await expect(packageFunction(join(dir, 'note.txt'))).rejects.toMatchObject({ code: 'ArtifactInvalid' });
    const empty = await testdir({});
    await expect(packageFunction(empty)).rejects.toMatchObject({ code: 'ArtifactEmpty' });
  });

  it('packages the example API so that Lambda reports the same CodeSha256 and runs it', async () => {
    const running = await sandbox();
    const lambda = new LambdaClient(running.client);
    const pkg = await packageFunction(EXAMPLE_API);
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'api',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::000000000000:role/r',
        Handler: 'index.handler',
        Code: { ZipFile: pkg.zip },
      }),
    );
    expect(created.CodeSha256).toBe(pkg.codeSha256);
    await waitUntilFunctionActiveV2(
      { client: lambda, maxWaitTime: 10, minDelay: 1 },
      { FunctionName: 'api' },
    );
    const result = await lambda.send(
      new InvokeCommand({
        FunctionName: 'api',
        Payload: Buffer.from(JSON.stringify({ httpMethod: 'GET', path: '/health' })),
      }),
    );
    const answer = JSON.parse(strFromU8(result.Payload!)) as { statusCode: number; body: string };
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 'ok' });
  });
});
