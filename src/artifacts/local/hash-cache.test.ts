import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers/testdir.js';
import type { LoadedConfig } from '../../config/load.js';
import { localArtifacts } from './local-artifacts.js';
import { scanSite } from './site.js';

const KEY = ['AKIA', 'Z7Q3XK5P2M4N6R2T'].join('');
const FRONTEND = { prefix: '', cacheControl: [], entryPoints: ['index.html'] };
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
// The cache trusts only files written well before a scan: these scans happen "a minute later".
const later = () => Date.now() + 60_000;

/** A site folder and a cache folder beside it, and a scan of the one through the other. */
async function siteWithCache(files: Record<string, string>) {
  const root = await testdir(Object.fromEntries(Object.entries(files).map(([p, c]) => [`site/${p}`, c])));
  const cacheFolder = join(root, '.omnix/cache');
  const scan = (now = later()) => scanSite(join(root, 'site'), FRONTEND, { cacheFolder, now });
  const cacheFile = async () => join(cacheFolder, (await readdir(cacheFolder))[0]!);
  return { site: join(root, 'site'), scan, cacheFile };
}

describe('the site hash cache', () => {
  it('gives a file that kept its path, size and times the remembered hash and scan result without reading it', async () => {
    const { scan, cacheFile } = await siteWithCache({ 'index.html': '<h1>x</h1>', 'a.js': `k="${KEY}"` });
    const first = await scan();
    expect(first.map((f) => f.md5)).toEqual([md5(`k="${KEY}"`), md5('<h1>x</h1>')]);
    expect(first[0]!.secrets).toEqual([{ line: 1, kind: 'AWS access key id' }]);
    const stored = await readFile(await cacheFile(), 'utf8');
    expect(stored).not.toContain(KEY);

    // Proof that a hit is not read: a remembered hash the content does not have is believed.
    const file = await cacheFile();
    const planted = JSON.parse(stored);
    for (const entry of Object.values(planted.files) as Array<{ md5: string }>) entry.md5 = 'f'.repeat(32);
    await writeFile(file, JSON.stringify(planted));
    expect((await scan()).map((f) => f.md5)).toEqual(['f'.repeat(32), 'f'.repeat(32)]);
    expect((await scan())[0]!.secrets).toEqual([{ line: 1, kind: 'AWS access key id' }]);
  });

  it('reads again a file whose size or times changed, whatever the cache says', async () => {
    const { site, scan, cacheFile } = await siteWithCache({ 'index.html': '<h1>x</h1>' });
    await scan();
    const file = await cacheFile();
    const planted = JSON.parse(await readFile(file, 'utf8'));
    for (const entry of Object.values(planted.files) as Array<{ md5: string }>) entry.md5 = 'f'.repeat(32);
    await writeFile(file, JSON.stringify(planted));
    await writeFile(join(site, 'index.html'), '<h1>y</h1>'); // same size, new times
    const [after] = await scan();
    expect(after!.md5).toBe(md5('<h1>y</h1>'));
  });

  it('does not remember a file written just before the scan, which could change again unnoticed', async () => {
    const { site, scan } = await siteWithCache({ 'index.html': '<h1>x</h1>' });
    await scan(Date.now());
    await writeFile(join(site, 'index.html'), '<h1>y</h1>');
    expect((await scan(Date.now()))[0]!.md5).toBe(md5('<h1>y</h1>'));
  });

  it('ignores a corrupt or foreign cache file and reads every file', async () => {
    const { scan, cacheFile } = await siteWithCache({ 'index.html': '<h1>x</h1>' });
    await scan();
    const file = await cacheFile();
    for (const garbage of [
      '{not json',
      'null',
      '[]',
      JSON.stringify({ scanner: 'another scanner', files: {} }),
      JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), files: { x: { md5: 3 } } }),
    ]) {
      await writeFile(file, garbage);
      expect((await scan())[0]!.md5).toBe(md5('<h1>x</h1>'));
    }
  });

  it("is kept in the project's .omnix/cache unless frontend.hashCache is false", async () => {
    for (const hashCache of [true, false]) {
      const root = await testdir({ 'web/index.html': '<h1>x</h1>' });
      const loaded = {
        location: { projectRoot: root },
        config: { frontend: { ...FRONTEND, source: 'web', hashCache } },
      } as unknown as LoadedConfig;
      await localArtifacts(loaded).site();
      expect(existsSync(join(root, '.omnix/cache')), `hashCache: ${hashCache}`).toBe(hashCache);
    }
  });

  it('is not used without a cache folder: scanSite reads every file', async () => {
    const { site } = await siteWithCache({ 'index.html': '<h1>x</h1>' });
    const [file] = await scanSite(site, FRONTEND);
    expect(file!.md5).toBe(md5('<h1>x</h1>'));
    expect(file!.secrets).toEqual([]);
  });
});
