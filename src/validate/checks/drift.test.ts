import { describe, expect, it } from 'vitest';
import type { ReleaseRecord } from '../../records/index.js';
import type { ValidationContext } from '../types.js';
import { driftCheck } from './drift.js';

const object = { key: 'index.html', versionId: 'v-old', md5: 'aaa' };

/** A context with only what the drift check reads: a site-only configuration and its releases. */
function context(bucket: string, releases: ReleaseRecord[], live = [{ ...object, latest: true }]) {
  return {
    loaded: { environment: 'staging', config: { frontend: { bucket } } },
    releases: async () => releases,
    releasedBy: async () => undefined,
    siteVersions: async () =>
      live.map(({ key, versionId, md5, latest }) => ({ key, versionId, etag: md5, latest })),
  } as unknown as ValidationContext;
}

const release: ReleaseRecord = {
  environment: 'staging',
  number: 3,
  deploymentId: 'd-1',
  createdAt: '2026-11-01T00:00:00Z',
  manifest: { frontend: { bucket: 'site', objects: [object] } },
};

describe('the drift check', () => {
  // issue 14, defect 9: it passed when it could compare nothing.
  it('warns "not checked" when nothing of the release could be compared', async () => {
    expect(await driftCheck.run(context('another-bucket', [release]))).toMatchObject({
      status: 'warn',
      message: expect.stringMatching(/^not checked: nothing of release v3 could be compared.*s3:\/\/site/),
    });
  });

  it('says there is nothing to check before the first release', async () => {
    expect(await driftCheck.run(context('site', []))).toMatchObject({
      message: expect.stringContaining('not checked: no release yet'),
    });
  });

  // issue 14, defect 4: a restore's copy is a new version with the release's content.
  it('passes an object whose version differs but whose content is the release’s', async () => {
    const copied = [{ ...object, versionId: 'v-copy', latest: true }];
    expect(await driftCheck.run(context('site', [release], copied))).toMatchObject({
      status: 'pass',
      message: 'live resources match release v3',
    });
    const changed = [{ ...object, versionId: 'v-copy', md5: 'bbb', latest: true }];
    expect(await driftCheck.run(context('site', [release], changed))).toMatchObject({ status: 'warn' });
  });
});
