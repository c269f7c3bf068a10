import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/webapp');

// slow: bootstraps the example on the sandbox and deploys it twice through the CLI.
describe('an asset edited under the same name is served new through CloudFront', () => {
  beforeEach(() => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_CREDENTIALS.secretAccessKey);
  });
  afterEach(() => vi.unstubAllEnvs());

  it('invalidates it, and warns that it is marked immutable', async () => {
    const fixture = await deployFixture();
    const { build } = (await import(join(EXAMPLE, 'web/build.mjs'))) as {
      build(options: { src: string; out: string }): Promise<unknown>;
    };
    const dist = join(fixture.project, 'web/dist');
    await build({ src: join(fixture.project, 'web/src'), out: dist });
    const deployCli = () =>
      runCli(['deploy', 'development', '--yes', '--skip-build'], {
        cwd: fixture.project,
        env: fixture.processEnv(),
      });
    const first = await deployCli();
    expect(first.exitCode, first.stderr).toBe(0);

    // The user's case: a plain name under the `assets/**` immutable rule, edited in place.
    const key = 'assets/app.css';
    await writeFile(join(dist, key), 'body { color: black }\n');
    const added = await deployCli();
    expect(added.exitCode, added.stderr).toBe(0);
    const site = fixture.siteUrl.replace(/\/+$/, '');
    const url = `${site}/${key}`;
    await fetch(url).then((response) => response.text());
    const cached = await fetch(url);
    expect(await cached.text()).toBe('body { color: black }\n');
    expect(cached.headers.get('x-cache')).toMatch(/^Hit/);

    await writeFile(join(dist, key), 'body { color: red }\n');
    const changed = await deployCli();
    expect(changed.exitCode, changed.stderr).toBe(0);
    expect(`${changed.stdout}${changed.stderr}`).toMatch(
      /1 file\(s\) marked immutable changed under the same name \(assets\/app\.css\)/,
    );
    expect(await (await fetch(url)).text()).toBe('body { color: red }\n');

    // A content-hashed asset of the build, edited without renaming, is not hashed after all.
    const hashed = (await readdir(join(dist, 'assets'))).find((name) => name !== 'app.css')!;
    const hashedUrl = `${site}/assets/${hashed}`;
    const before = await (await fetch(hashedUrl)).text();
    await writeFile(join(dist, 'assets', hashed), `${before}\n/* edited */\n`);
    const edited = await deployCli();
    expect(edited.exitCode, edited.stderr).toBe(0);
    expect(await (await fetch(hashedUrl)).text()).toBe(`${before}\n/* edited */\n`);
  }, 180_000);
});
