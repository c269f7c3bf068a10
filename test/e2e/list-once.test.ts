import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { rollbackRelease } from '../../src/actions/rollback/rollback-release.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

const PAGE = 2;

/** Requests the sandbox has answered for `service:Operation`. */
async function requests(fixture: Fixture, operation: string): Promise<number> {
  const stats = (await (await fetch(`${fixture.running.endpoint}/_omnix/stats`)).json()) as Record<
    string,
    number
  >;
  return stats[operation] ?? 0;
}

/** How many pages one listing of every version in the site bucket takes (counted before the command runs). */
async function pagesOfOneListing(fixture: Fixture): Promise<number> {
  const bucket = (await fixture.store.listReleases(fixture.environment, { limit: 1 }))[0]!.manifest.frontend!
    .bucket;
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: fixture.running.endpoint,
    credentials: TEST_CREDENTIALS,
    forcePathStyle: true,
  });
  let pages = 0;
  let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
  for (;;) {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, ...markers }));
    pages++;
    if (!page.IsTruncated) return pages;
    markers = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
  }
}

/** ListObjectVersions requests `command` makes, and the pages one listing took just before it. */
async function listingsOf<T>(fixture: Fixture, command: () => Promise<T>) {
  const pages = await pagesOfOneListing(fixture);
  const before = await requests(fixture, 's3:ListObjectVersions');
  const result = await command();
  return { result, pages, made: (await requests(fixture, 's3:ListObjectVersions')) - before };
}

async function changeSite(fixture: Fixture, version: string) {
  const app = join(fixture.project, 'web/src/app.js');
  await writeFile(app, `${await readFile(app, 'utf8')}\n// ${version}\n`);
}

// slow: three deployments of the example app and a rollback, on a sandbox listing two versions a page.
describe('the site bucket is listed once per command', () => {
  it('a deployment lists it once for validation and the plan; a rollback once, plus one read-back per changed key', async () => {
    const fixture = await deployFixture({ pageSize: PAGE });
    expect((await fixture.run()).outcome.status).toBe('succeeded');
    await changeSite(fixture, '2');
    const deployed = await listingsOf(fixture, () => fixture.run());
    expect(deployed.result.outcome.status).toBe('succeeded');
    expect(deployed.pages).toBeGreaterThan(2);
    expect(deployed.made).toBe(deployed.pages);

    await changeSite(fixture, '3');
    expect((await fixture.run()).outcome.status).toBe('succeeded');
    const rolledBack = await listingsOf(fixture, () =>
      rollbackRelease({ ...fixture.engineOptions(), release: 1 }),
    );
    expect(rolledBack.result).toMatchObject({ status: 'rolled-back', release: 4 });
    const plan = (rolledBack.result as { plan: { changes: string[] } }).plan;
    const changedKeys = plan.changes.filter((change) => !/^(function|stage) /.test(change)).length;
    expect(changedKeys).toBeGreaterThan(0);
    expect(rolledBack.made).toBe(rolledBack.pages + changedKeys);
  });
});
