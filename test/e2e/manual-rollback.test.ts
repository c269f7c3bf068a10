import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { rollbackRelease } from '../../src/actions/rollback/rollback-release.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

async function release(
  fixture: Fixture,
  version: string,
  extra: Parameters<Fixture['run']>[0] = {},
): Promise<void> {
  const handler = join(fixture.project, 'backend/api/index.mjs');
  await writeFile(
    handler,
    (await readFile(handler, 'utf8')).replace(/const VERSION = '[^']+'/, `const VERSION = '${version}'`),
  );
  const app = join(fixture.project, 'web/src/app.js');
  await writeFile(app, `${await readFile(app, 'utf8')}\n// ${version}\n`);
  const { outcome } = await fixture.run(extra);
  expect(outcome.status).toBe('succeeded');
}

const rollback = (fixture: Fixture, extra: Partial<Parameters<typeof rollbackRelease>[0]> = {}) =>
  rollbackRelease({ ...fixture.engineOptions(), ...extra });

// slow: three releases of the example app, then rollbacks.
describe('omnix rollback', () => {
  it('makes v1 live again after v3, as release v4, checks its health, and a second time changes nothing', async () => {
    const fixture = await deployFixture();
    await fixture.run();
    const v1 = await fixture.served(1);
    await release(fixture, '2.0.0');
    await release(fixture, '3.0.0');
    expect(JSON.parse((await fixture.served(3))['api /health']!)).toMatchObject({ version: '3.0.0' });

    const outcome = await rollback(fixture, { release: 1 });
    expect(outcome).toMatchObject({ status: 'rolled-back', release: 4, plan: { from: 3, to: 1 } });
    expect(await fixture.served(1)).toEqual(v1);
    const v4 = (await fixture.store.getRelease('development', 4))!.manifest;
    const v1Manifest = (await fixture.store.getRelease('development', 1))!.manifest;
    // The same content and backend; the site's objects under the version ids the restore's copies got.
    expect(v4.backend).toEqual(v1Manifest.backend);
    const content = (manifest: typeof v4) => manifest.frontend!.objects.map(({ key, md5 }) => ({ key, md5 }));
    expect(content(v4)).toEqual(content(v1Manifest));
    const [record] = await fixture.store.listDeployments('development', { limit: 1 });
    expect(record).toMatchObject({ status: 'succeeded', release: 4, rollbackTo: 1 });
    expect(record!.phases.map((phase) => phase.name)).toEqual([
      'load',
      'plan',
      'lock',
      'snapshot',
      'restore',
      'verify',
      'health',
      'commit',
    ]);
    expect(record!.health).toEqual([
      expect.objectContaining({ stage: 'rollback', status: 'pass', release: 4 }),
    ]);

    expect(await rollback(fixture, { release: 1 })).toMatchObject({ status: 'already-live' });
    expect((await fixture.store.listReleases('development')).map((r) => r.number)).toEqual([4, 3, 2, 1]);
    expect(await fixture.served(1)).toEqual(v1);
  });

  it('defaults to the release before the live one, and asks first on a terminal', async () => {
    const fixture = await deployFixture();
    await fixture.run();
    const v1 = await fixture.served(1);
    await release(fixture, '2.0.0');
    process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
    try {
      const questions: string[] = [];
      const declined = await runCli(['rollback', 'development'], {
        cwd: fixture.project,
        env: fixture.env as Record<string, string>,
        tty: true,
        answers: ['no'],
        questions,
      });
      expect(declined.stdout).toContain('Rollback of development: v2 → v1');
      expect(declined.exitCode).toBe(1);
      expect(declined.stderr).toContain('not rolled back: the plan was not confirmed');
      expect(questions).toEqual(['Roll back development? (yes/no)']);
      const done = await runCli(['rollback', 'development', '--yes'], {
        cwd: fixture.project,
        env: fixture.env as Record<string, string>,
      });
      expect(done.exitCode, done.stderr).toBe(0);
      expect(done.stdout).toMatch(/rolled back development to v1 as release v3/);
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
    expect(await fixture.served(1)).toEqual(v1);
  });

  it('refuses a release whose object versions are gone, naming them, and changes nothing', async () => {
    const fixture = await deployFixture();
    await fixture.run();
    await release(fixture, '2.0.0');
    const v1 = await fixture.store.getRelease('development', 1);
    const index = v1!.manifest.frontend!.objects.find((object) => object.key === 'index.html')!;
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: fixture.running.endpoint,
      credentials: TEST_CREDENTIALS,
      forcePathStyle: true,
    });
    await s3.send(
      new DeleteObjectCommand({
        Bucket: v1!.manifest.frontend!.bucket,
        Key: 'index.html',
        VersionId: index.versionId,
      }),
    );
    const before = await fixture.served(2);
    await expect(rollback(fixture, { release: 1 })).rejects.toMatchObject({
      code: 'TargetNotRestorable',
      exitCode: 3,
      message: expect.stringContaining(`index.html version ${index.versionId}`),
    });
    expect(await fixture.served(2)).toEqual(before);
    expect((await fixture.store.listDeployments('development')).every((d) => d.status === 'succeeded')).toBe(
      true,
    );
  });

  it('prunes only what no kept release needs, after which the kept ones still restore and older ones are refused', async () => {
    const fixture = await deployFixture();
    const env = { ...fixture.env, OMNIX__ROLLOUT__KEEP_RELEASES: '2' };
    await fixture.run({ env });
    await release(fixture, '2.0.0', { env });
    await release(fixture, '3.0.0', { env });
    const v3 = await fixture.served(3);
    await release(fixture, '4.0.0', { env, prune: true });
    const version = async (number: number) =>
      (await fixture.store.getRelease('development', number))!.manifest.backend!.functions.find(
        (fn) => fn.name === 'omnix-shop-api-development',
      )!.version;
    const [record] = await fixture.store.listDeployments('development', { limit: 1 });
    expect(record!.pruned!.functionVersions).toEqual([
      `omnix-shop-api-development:${await version(1)}`,
      `omnix-shop-api-development:${await version(2)}`,
    ]);
    expect(record!.phases.map((phase) => phase.name)).toContain('prune');

    expect(await rollback(fixture, { release: 3, env })).toMatchObject({ status: 'rolled-back' });
    expect(await fixture.served(3)).toEqual(v3);
    await expect(rollback(fixture, { release: 1, env })).rejects.toMatchObject({
      code: 'TargetNotRestorable',
      message: expect.stringContaining(`function omnix-shop-api-development version ${await version(1)}`),
    });
  });
});
