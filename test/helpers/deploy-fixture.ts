import { cpSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrapPlanFor } from '../../src/actions/bootstrap/bootstrap-plan.js';
import { type DeployOptions, deploy } from '../../src/actions/deploy/deploy.js';
import { loadValidConfig } from '../../src/config/load.js';
import type { DeployEvent } from '../../src/core/events.js';
import type { ChangeOptions } from '../../src/engine/change/recorded-change.js';
import { bootstrapResources } from '../../src/providers/aws/bootstrap.js';
import { sandboxSiteUrl, sandboxStageUrl } from '../../src/providers/aws/sandbox-urls.js';
import type { SandboxOptions } from '../../src/sandbox/options.js';
import { FileStateStore } from '../../src/state/file/file-store.js';
import { sandbox, TEST_CREDENTIALS } from './sandbox.js';
import { testdir } from './testdir.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/webapp');

/**
 * A copy of the example app, a sandbox with one environment's resources created, and a way to deploy it.
 * `preview` is the example on an HTTP API with routes to two functions; the others are on REST APIs.
 */
export async function deployFixture(options: SandboxOptions = {}, environment = 'development') {
  const project = await testdir({});
  cpSync(EXAMPLE, project, {
    recursive: true,
    filter: (path) => !/node_modules|\.omnix|web\/dist/.test(path.slice(EXAMPLE.length)),
  });
  const running = await sandbox({ pageSize: 1000, ...options });
  const baseEnv = { OMNIX_AWS_ENDPOINT: running.endpoint, PATH: process.env.PATH };
  const loaded = await loadValidConfig({
    environment,
    configDir: project,
    env: baseEnv,
    cwd: project,
  });
  const created = await bootstrapResources(
    { region: 'us-east-1', endpoint: running.endpoint, credentials: TEST_CREDENTIALS },
    '000000000000',
    bootstrapPlanFor(loaded.config),
  );
  const siteUrl = sandboxSiteUrl(running.endpoint, created.distributionId!);
  const api = loaded.config.backend?.api;
  const apiUrl = sandboxStageUrl(
    api?.type ?? 'rest',
    running.endpoint,
    created.apiId!,
    api?.stage ?? environment,
  );
  const env = {
    ...baseEnv,
    OMNIX__FRONTEND__URL: siteUrl,
    OMNIX__BACKEND__API__URL: apiUrl,
    OMNIX_API_URL: apiUrl,
  };
  const store = new FileStateStore(join(project, '.omnix/state'));
  /** What the engine's deploy, rollback and recover take for this project, quietly, with the sandbox's credentials. */
  const engineOptions = (): ChangeOptions => ({
    environment,
    configDir: project,
    cwd: project,
    env,
    aws: { credentials: TEST_CREDENTIALS },
    report: () => {},
  });
  const run = async (extra: Partial<DeployOptions> = {}) => {
    const events: DeployEvent[] = [];
    const outcome = await deploy({ ...engineOptions(), report: (event) => events.push(event), ...extra });
    return { outcome, events };
  };
  const touchAll = (dir: string, when: Date) => {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) utimesSync(join(entry.parentPath, entry.name), when, when);
    }
  };
  /** The environment for an `omnix` child process: the fixture's, with the sandbox's credentials. */
  const processEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...(env as Record<string, string>),
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    CI: 'true',
    HOME: project,
    ...extra,
  });
  /** Every byte the site and API serve: each file of release `number` (default: the newest), and /health. */
  const served = async (number?: number): Promise<Record<string, string>> => {
    const release =
      number === undefined
        ? (await store.listReleases(environment, { limit: 1 }))[0]
        : await store.getRelease(environment, number);
    const bodies: Record<string, string> = {};
    for (const { key } of release!.manifest.frontend!.objects)
      bodies[key] = await (await fetch(`${siteUrl}/${key}`)).text();
    bodies['api /health'] = await (await fetch(`${apiUrl}/health`)).text();
    return bodies;
  };
  return {
    project,
    running,
    siteUrl,
    apiUrl,
    env,
    store,
    engineOptions,
    run,
    touchAll,
    environment,
    processEnv,
    served,
  };
}
