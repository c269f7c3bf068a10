import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployFixture } from './deploy-fixture.js';

export type Fixture = Awaited<ReturnType<typeof deployFixture>>;

/**
 * The example app's `environment` (production: approvals required) on a sandbox, without latency limits:
 * how fast a busy test machine answers is not what these tests are about.
 */
export async function fixtureWithoutLatencyLimits(environment = 'production'): Promise<Fixture> {
  const fixture = await deployFixture({}, environment);
  for (const file of ['config/deployment-config.yaml', `config/environments/${environment}.yaml`]) {
    const path = join(fixture.project, file);
    await writeFile(
      path,
      (await readFile(path, 'utf8'))
        .replace(/^health:\n {2}latency: .*\n/m, '')
        .replace(/^ {2}latency: .*\n/m, ''),
    );
  }
  return fixture;
}
