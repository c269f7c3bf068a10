import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/webapp');

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

const MUTATING = /:(Put|Create|Update|Delete|Publish|Copy|Upload|Complete|Abort)/;
const stats = async (fixture: Fixture) =>
  (await (await fetch(`${fixture.running.endpoint}/_omnix/stats`)).json()) as Record<string, number>;

/** `omnix deploy development --yes --skip-build` after `prepare` has built and planted: exit 3, nothing changed. */
async function refusedDeploy(prepare: (project: string) => Promise<void>) {
  const fixture = await deployFixture();
  const { build } = (await import(join(EXAMPLE, 'web/build.mjs'))) as {
    build(options: { src: string; out: string }): Promise<unknown>;
  };
  await build({ src: join(fixture.project, 'web/src'), out: join(fixture.project, 'web/dist') });
  await prepare(fixture.project);
  const before = await stats(fixture);
  const run = await runCli(['deploy', 'development', '--yes', '--skip-build'], {
    cwd: fixture.project,
    env: fixture.processEnv(),
  });
  expect(run.exitCode, run.stderr).toBe(3);
  const after = await stats(fixture);
  expect(
    Object.keys(after).filter((name) => MUTATING.test(name) && after[name] !== (before[name] ?? 0)),
  ).toEqual([]);
  expect(await fixture.store.listDeployments('development')).toEqual([]);
  return run;
}

// slow: each case bootstraps the example on the sandbox and runs the CLI against it.
describe('deploy refuses what would publish files from outside the source folders (issue 15)', () => {
  beforeEach(() => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_CREDENTIALS.secretAccessKey);
  });
  afterEach(() => vi.unstubAllEnvs());

  it('a link in the site folder to a file outside it', async () => {
    const run = await refusedDeploy((project) =>
      symlink('/etc/passwd', join(project, 'web/dist/passwd.txt')),
    );
    expect(run.stderr).toMatch(
      /artifacts: the site folder \S+web\/dist contains a symbolic link passwd\.txt → \/etc\/passwd, which leads outside it/,
    );
    expect(run.stderr).not.toContain('root:');
  });

  it('a link in the site folder to a folder outside it', async () => {
    const run = await refusedDeploy((project) => symlink('/etc', join(project, 'web/dist/assets/etc')));
    expect(run.stderr).toContain('contains a symbolic link assets/etc → /etc, which leads outside it');
  });

  it('every bad link of the site folder at once, with a hint to remove or replace them', async () => {
    const run = await refusedDeploy(async (project) => {
      await symlink('/etc', join(project, 'web/dist/etcdir'));
      await symlink('/etc/hosts', join(project, 'web/dist/hosts.txt'));
    });
    expect(run.stderr).toContain('contains 2 symbolic links omnix refuses: etcdir → /etc');
    expect(run.stderr).toContain('hosts.txt → /etc/hosts, which leads outside it');
    expect(run.stderr).toContain('remove each link, or replace it with a copy');
    expect(run.stderr).not.toContain('Run the frontend build');
  });

  it('a .env file in the site folder, named in the refusal, its content never shown', async () => {
    const run = await refusedDeploy((project) => writeFile(join(project, 'web/dist/.env'), 'TOKEN=abc\n'));
    expect(run.stderr).toMatch(/artifacts: \S*web\/dist has 1 file\(s\) that commonly hold secrets/);
    expect(run.stderr).toContain('frontend.publishRiskyFiles');
    expect(run.stderr).not.toContain('TOKEN=abc');
  });

  it('a link in a function source to a file outside it', async () => {
    const run = await refusedDeploy(async (project) => {
      await mkdir(join(project, 'backend/worker/data'));
      await symlink('../../../../../../../../etc/passwd', join(project, 'backend/worker/data/host'));
    });
    expect(run.stderr).toMatch(
      /artifacts: worker: the function source \S+backend\/worker contains a symbolic link data\/host → \S+etc\/passwd, which leads outside it/,
    );
  });

  it('an AWS secret key in a UTF-16 JSON file of the site, named by file and line but never shown', async () => {
    const secret = ['wJalrXUtnFEMIK7MDENGbPxRfiCY', 'zz9d3kQ2lPe8'].join('');
    const run = await refusedDeploy((project) =>
      writeFile(
        join(project, 'web/dist/credentials.json'),
        Buffer.from(`{\n  "SecretAccessKey": "${secret}"\n}\n`, 'utf16le'),
      ),
    );
    expect(run.stderr).toContain(
      'secrets: 1 credential(s) in files to upload: web/dist/credentials.json:2: AWS secret access key',
    );
    expect(run.stderr + run.stdout).not.toContain(secret);
  });
});

// slow: two deployments of the example on the sandbox.
describe('a deployment uploads exactly the bytes it planned (issue 15, defect 6)', () => {
  // What is uploaded is the question here, not how fast the sandbox answers on a busy machine.
  const run = (fixture: Fixture, extra: Parameters<Fixture['run']>[0] = {}) =>
    fixture.run({ env: { ...fixture.env, OMNIX__HEALTH__CHECKS: '[]' }, ...extra });

  it('fails and rolls back when a site file changes between the plan and its upload', async () => {
    const fixture = await deployFixture();
    await run(fixture);
    const before = await fixture.served();
    const source = join(fixture.project, 'web/src/index.html');
    await writeFile(source, (await readFile(source, 'utf8')).replace('<h1>', '<h1>New '));
    // A new script too: it is uploaded before the page, so there is something to roll back.
    await appendFile(join(fixture.project, 'web/src/app.js'), '\n// v2\n');
    const injected = '<h1>not what was planned</h1>';
    // The approval prompt waits between plan and upload, as long as a concurrent build takes.
    const confirm = async () => {
      await writeFile(join(fixture.project, 'web/dist/index.html'), injected);
      return true;
    };
    await expect(run(fixture, { confirm })).rejects.toMatchObject({
      code: 'RolledBack',
      message: expect.stringContaining('index.html changed after it was read for the plan'),
    });
    expect(await fixture.served(1)).toEqual(before);
    const s3 = new S3Client({ ...fixture.running.client, forcePathStyle: true });
    const versions = await s3.send(
      new ListObjectVersionsCommand({ Bucket: 'omnix-shop-web-development', Prefix: 'index.html' }),
    );
    const injectedMd5 = createHash('md5').update(injected).digest('hex');
    expect(versions.Versions?.map((version) => version.ETag)).not.toContain(`"${injectedMd5}"`);
  });

  it('goes ahead when a concurrent build rewrites the same bytes', async () => {
    const fixture = await deployFixture();
    await run(fixture);
    const source = join(fixture.project, 'web/src/index.html');
    await writeFile(source, (await readFile(source, 'utf8')).replace('<h1>', '<h1>New '));
    const confirm = async () => {
      const page = join(fixture.project, 'web/dist/index.html');
      const bytes = await readFile(page);
      await rm(page);
      await writeFile(page, bytes);
      return true;
    };
    await expect(run(fixture, { confirm })).resolves.toMatchObject({
      outcome: { status: 'succeeded', release: 2 },
    });
  });
});
