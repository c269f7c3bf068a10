import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers/testdir.js';
import { readPlanned, scanSite } from '../../artifacts/local/site.js';
import type { LoadedConfig } from '../../config/load.js';
import type { ValidationContext } from '../types.js';
import { SCAN_LIMIT, secretsCheck } from './secrets.js';

const KEY = ['AKIA', 'Z7Q3XK5P2M4N6R2T'].join('');

/** The secrets check over a site folder holding `files`. */
async function checkSite(dir: string) {
  const frontend = { source: 'web/dist', prefix: '', cacheControl: [], entryPoints: ['index.html'] };
  const site = await scanSite(dir, frontend);
  const context = {
    loaded: { config: { frontend } } as unknown as LoadedConfig,
    site: async () => site,
  } as unknown as ValidationContext;
  return { site, finding: () => secretsCheck.run(context) };
}

describe('the secrets check', () => {
  it('warns, naming the file, when a file is over the size it scans, and still scans the rest', async () => {
    const dir = await testdir({ 'index.html': `<script>const k = "${KEY}"</script>` });
    await writeFile(join(dir, 'movie.bin'), Buffer.alloc(SCAN_LIMIT + 1));
    const { finding } = await checkSite(dir);
    const result = await finding();
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      '1 credential(s) in files to upload: web/dist/index.html:1: AWS access key id',
    );
    expect(result.details).toContain('1 file(s) over 32 MB not scanned: web/dist/movie.bin');
    expect(JSON.stringify(result)).not.toContain(KEY);

    await writeFile(join(dir, 'index.html'), '<h1>x</h1>');
    const clean = await checkSite(dir);
    expect(await clean.finding()).toMatchObject({
      status: 'warn',
      message: 'no credentials in 1 file(s) to upload; 1 file(s) over 32 MB not scanned: web/dist/movie.bin',
    });
  });

  it('scans the bytes that were hashed, and a file changed since is refused before it is uploaded', async () => {
    const dir = await testdir({ 'index.html': '<h1>x</h1>' });
    const { site, finding } = await checkSite(dir);
    await writeFile(join(dir, 'index.html'), `<script>const k = "${KEY}"</script>`);
    expect(await finding()).toMatchObject({ status: 'pass' });
    await expect(readPlanned(site[0]!)).rejects.toMatchObject({ code: 'ArtifactChanged' });
  });
});
