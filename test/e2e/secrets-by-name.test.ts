import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { omnixProcess } from '../helpers/omnix-process.js';

const TOKEN = 'tok-9f8e7d6c5b4a-do-not-store';

/** Every file under the project's state folder, as text. */
async function stateFiles(project: string): Promise<string[]> {
  const texts: string[] = [];
  for (const entry of await readdir(join(project, '.omnix/state'), { recursive: true, withFileTypes: true }))
    if (entry.isFile()) texts.push(await readFile(join(entry.parentPath, entry.name), 'utf8'));
  return texts;
}

// slow: deploys the example to the sandbox, then runs the built CLI.
describe('a value whose name says secret is never printed or stored (issue 15, defect 4)', () => {
  it('keeps ${env:API_TOKEN} out of config show, config diff, history show and the records', async () => {
    // given: the example with a function variable taken from API_TOKEN
    const { run, project, processEnv, store } = await deployFixture();
    const master = join(project, 'config/deployment-config.yaml');
    const text = await readFile(master, 'utf8');
    await writeFile(
      master,
      text.replace(
        '        SITE_BUCKET: ${self:frontend.bucket}\n',
        '        SITE_BUCKET: ${self:frontend.bucket}\n        API_TOKEN: ${env:API_TOKEN}\n',
      ),
    );
    const env = processEnv({ API_TOKEN: TOKEN });

    // when: it is deployed and looked at in every way the CLI offers
    // (whether the health checks pass on a busy machine does not matter here: the record is kept either way)
    await run({ env }).catch(() => undefined);
    const [record] = await store.listDeployments('development', { limit: 1 });
    const outputs = [
      await omnixProcess(['config', 'show', 'development'], project, env),
      await omnixProcess(['config', 'show', 'development', '--json'], project, env),
      await omnixProcess(['config', 'diff', 'development', 'staging'], project, env),
      await omnixProcess(['history', 'show', record!.id], project, env),
      await omnixProcess(['history', 'show', record!.id, '--json'], project, env),
    ];

    // then: the value shows as *** and is nowhere, neither printed nor stored
    for (const output of outputs) {
      expect(output.code, output.stderr).toBe(0);
      expect(output.stdout + output.stderr).not.toContain(TOKEN);
    }
    expect(outputs[0]!.stdout).toContain('API_TOKEN: "***"');
    for (const file of await stateFiles(project)) expect(file).not.toContain(TOKEN);
  }, 240_000);
});
