import { describe, expect, it } from 'vitest';
import type { LocalFile } from '../../../artifacts/local/site.js';
import { planInvalidation } from './invalidation.js';
import { type FrontendPlanInput, type ManifestObject, planFrontend } from './plan.js';

const file = (path: string, md5: string, cacheControl?: string): LocalFile => ({
  key: path,
  path,
  file: `/build/${path}`,
  size: 100,
  md5,
  contentType: 'text/plain',
  ...(cacheControl ? { cacheControl } : {}),
});
const IMMUTABLE = 'public, max-age=31536000, immutable';
const site = [
  file('index.html', 'i1', 'no-cache'),
  file('assets/app.a1.js', 'a1', IMMUTABLE),
  file('assets/style.s1.css', 's1', IMMUTABLE),
  file('robots.txt', 'r1'),
];
const manifest = (files: LocalFile[]): ManifestObject[] =>
  files.map((f) => ({ key: f.key, versionId: `v-${f.md5}`, md5: f.md5 }));
const liveOf = (files: LocalFile[]) => files.map((f) => ({ key: f.key, etag: f.md5 }));
const input = (overrides: Partial<FrontendPlanInput>): FrontendPlanInput => ({
  local: site,
  live: [],
  releases: [],
  entryPoints: ['index.html'],
  keepStaleReleases: 2,
  wildcardAfter: 15,
  prefix: '',
  ...overrides,
});

describe('planFrontend', () => {
  it('uploads everything on a first deployment, entry points last, and invalidates only them', () => {
    const plan = planFrontend(input({}));
    expect(plan.uploads.map((u) => [u.file.path, u.reason])).toEqual([
      ['assets/app.a1.js', 'new'],
      ['assets/style.s1.css', 'new'],
      ['robots.txt', 'new'],
    ]);
    expect(plan.entryPoints.map((u) => u.file.path)).toEqual(['index.html']);
    expect(plan.invalidation.paths).toEqual(['/', '/index.html']);
    expect(plan.uploadBytes).toBe(400);
  });

  it('changes nothing when the content is the same (a rebuild that only touched mtimes included)', () => {
    const plan = planFrontend(input({ live: liveOf(site), releases: [manifest(site)] }));
    expect(plan).toMatchObject({
      uploads: [],
      entryPoints: [],
      unchanged: 4,
      deletes: [],
      drift: [],
      invalidation: { paths: [] },
    });
  });

  it('on a first deployment, leaves objects whose ETag already matches', () => {
    const plan = planFrontend(input({ live: liveOf(site) }));
    expect(plan.unchanged).toBe(4);
  });

  it('uploads a changed asset under its new name and the entry point, keeps the old asset, invalidates only the page', () => {
    const next = [
      file('index.html', 'i2', 'no-cache'),
      file('assets/app.a2.js', 'a2', IMMUTABLE),
      site[2]!,
      site[3]!,
    ];
    const plan = planFrontend(input({ local: next, live: liveOf(site), releases: [manifest(site)] }));
    expect(plan.uploads.map((u) => [u.file.path, u.reason])).toEqual([['assets/app.a2.js', 'new']]);
    expect(plan.entryPoints.map((u) => [u.file.path, u.reason])).toEqual([['index.html', 'changed']]);
    expect(plan.keptStale).toEqual([{ key: 'assets/app.a1.js', releasesLeft: 2 }]);
    expect(plan.deletes).toEqual([]);
    expect(plan.invalidation.paths).toEqual(['/', '/index.html']);
  });

  it('invalidates a changed file that is not content-hashed', () => {
    const next = [site[0]!, site[1]!, site[2]!, file('robots.txt', 'r2')];
    const plan = planFrontend(input({ local: next, live: liveOf(site), releases: [manifest(site)] }));
    expect(plan.invalidation.paths).toEqual(['/robots.txt']);
  });

  it('invalidates an immutable file whose content changed under the same name, and names it', () => {
    const next = [site[0]!, file('assets/app.a1.js', 'a1-edited', IMMUTABLE), site[2]!, site[3]!];
    const plan = planFrontend(input({ local: next, live: liveOf(site), releases: [manifest(site)] }));
    expect(plan.uploads.map((u) => [u.file.path, u.reason])).toEqual([['assets/app.a1.js', 'changed']]);
    expect(plan.invalidation.paths).toEqual(['/assets/app.a1.js']);
    expect(plan.immutableChanged).toEqual(['assets/app.a1.js']);
  });

  it('invalidates a changed file that exists live on a first deployment, but no new one', () => {
    const live = [{ key: 'assets/app.a1.js', etag: 'older' }];
    const plan = planFrontend(input({ live }));
    expect(plan.invalidation.paths).toEqual(['/', '/assets/app.a1.js', '/index.html']);
    expect(plan.immutableChanged).toEqual(['assets/app.a1.js']);
  });

  it('invalidates a live key omnix did not release when it replaces it', () => {
    const next = [...site, file('extra.css', 'e2', IMMUTABLE)];
    const live = [...liveOf(site), { key: 'extra.css', etag: 'e1' }];
    const plan = planFrontend(input({ local: next, live, releases: [manifest(site)] }));
    expect(plan.uploads.map((u) => [u.file.path, u.reason])).toEqual([['extra.css', 'new']]);
    expect(plan.invalidation.paths).toEqual(['/extra.css']);
  });

  it('reports and repairs an object changed outside omnix', () => {
    const live = liveOf(site).map((object) =>
      object.key === 'robots.txt' ? { ...object, etag: 'tampered' } : object,
    );
    const plan = planFrontend(input({ live, releases: [manifest(site)] }));
    expect(plan.drift).toEqual([{ key: 'robots.txt', expected: 'r1', found: 'tampered' }]);
    expect(plan.uploads.map((u) => [u.file.path, u.reason])).toEqual([['robots.txt', 'drifted']]);
    expect(plan.invalidation.paths).toEqual(['/robots.txt']);
  });

  it('does not take a large file uploaded in parts for drift: its ETag is compared with the recorded one', () => {
    const released = manifest(site).map((object) =>
      object.key === 'robots.txt' ? { ...object, etag: 'abc-3' } : object,
    );
    const live = liveOf(site).map((object) =>
      object.key === 'robots.txt' ? { ...object, etag: 'abc-3' } : object,
    );
    const plan = planFrontend(input({ live, releases: [released] }));
    expect(plan).toMatchObject({ uploads: [], drift: [], unchanged: 4 });
  });

  it('deletes a removed file once it has been gone for keepStaleReleases releases', () => {
    const old = file('old.html', 'o1');
    const releases = [manifest(site), manifest(site), manifest([...site, old])];
    const plan = planFrontend(input({ live: [...liveOf(site), { key: 'old.html', etag: 'o1' }], releases }));
    expect(plan.deletes).toEqual(['old.html']);
    expect(plan.invalidation.paths).toEqual(['/old.html']);
    const sooner = planFrontend(
      input({ live: [...liveOf(site), { key: 'old.html', etag: 'o1' }], releases: releases.slice(1) }),
    );
    expect(sooner.keptStale).toEqual([{ key: 'old.html', releasesLeft: 1 }]);
  });

  it('never deletes objects no release of omnix put there', () => {
    const plan = planFrontend(
      input({ live: [...liveOf(site), { key: 'uploads/user.png', etag: 'u' }], releases: [manifest(site)] }),
    );
    expect(plan.deletes).toEqual([]);
  });

  it('turns deleted keys under a prefix into paths of the distribution', () => {
    const prefixed = (f: LocalFile) => ({ ...f, key: `site/${f.path}` });
    const local = site.map(prefixed);
    const old = prefixed(file('gone.txt', 'g'));
    const plan = planFrontend(
      input({
        local,
        prefix: 'site',
        keepStaleReleases: 0,
        live: liveOf([...local, old]),
        releases: [manifest(local), manifest([...local, old])],
      }),
    );
    expect(plan.deletes).toEqual(['site/gone.txt']);
    expect(plan.invalidation.paths).toEqual(['/gone.txt']);
  });
});

describe('planInvalidation', () => {
  it('collapses a folder with many changed files into a wildcard', () => {
    const docs = Array.from({ length: 20 }, (_, i) => `docs/page-${i}.html`);
    expect(planInvalidation([...docs, 'about.html'], { wildcardAfter: 15 }).paths).toEqual([
      '/about.html',
      '/docs/*',
    ]);
  });

  it('falls back to /* beyond CloudFront’s wildcard limit, and counts cost', () => {
    const many = Array.from({ length: 16 }, (_, folder) =>
      Array.from({ length: 3 }, (_, i) => `f${folder}/p${i}.html`),
    ).flat();
    expect(planInvalidation(many, { wildcardAfter: 2 })).toEqual({
      paths: ['/*'],
      billedPaths: 1,
      estimatedCostUsd: 0.005,
    });
  });

  it('encodes paths and invalidates / with the root object', () => {
    expect(
      planInvalidation(['my page.html', 'index.html'], { wildcardAfter: 15, rootObject: 'index.html' }).paths,
    ).toEqual(['/', '/index.html', '/my%20page.html']);
    expect(planInvalidation([], { wildcardAfter: 15 })).toEqual({
      paths: [],
      billedPaths: 0,
      estimatedCostUsd: 0,
    });
  });
});
