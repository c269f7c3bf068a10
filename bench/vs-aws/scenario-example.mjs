// The example app (examples/webapp) on the sandbox, every step a whole `omnix` process as a user runs
// it: a redeploy with nothing to change (build included), rollbacks back and forth (health checks
// included), a backend deployment of a changed function against the AWS CLI doing the same by hand,
// and start-up: `omnix status` on the project's state and `omnix --help` against a bare `node -e 0`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  alternate,
  aws,
  awsBinary,
  detail,
  measured,
  omnix,
  settings,
  timeRow,
  toolEnv,
  workDir,
} from './common.mjs';
import { runProcess } from './process.mjs';
import { bootstrap, exampleProject } from './project.mjs';

export async function exampleScenario(sandbox) {
  const { runs } = settings;
  const dir = workDir('example');
  exampleProject(dir);
  const baseEnv = toolEnv(sandbox.endpoint);
  const { bootstrap: created } = await bootstrap(dir, 'development', baseEnv);
  const env = { ...baseEnv, OMNIX_API_URL: created.apiUrl ?? '' };
  const handler = join(dir, 'backend/api/index.mjs');
  let version = 0;
  const changeApi = () =>
    writeFileSync(
      handler,
      readFileSync(handler, 'utf8').replace(/const VERSION = '[^']+'/, `const VERSION = '${++version}.0.0'`),
    );
  const release = async () => {
    changeApi();
    writeFileSync(
      join(dir, 'web/src/app.js'),
      `${readFileSync(join(dir, 'web/src/app.js'), 'utf8')}\n// ${version}\n`,
    );
    await omnix(['deploy', 'development', '--yes'], { cwd: dir, env });
  };
  await release();
  await release();

  const noop = await alternate(runs, {
    omnix: () => measured(sandbox, () => omnix(['deploy', 'development', '--yes'], { cwd: dir, env })),
  });
  // Releases 1 and 2 in turn: a plain `omnix rollback` will not go "back" over a rollback.
  const rollback = await alternate(runs, {
    omnix: (round) =>
      measured(sandbox, () =>
        omnix(['rollback', 'development', String(round % 2 === 0 ? 1 : 2), '--yes'], { cwd: dir, env }),
      ),
  });
  detail(
    `example: requests of a no-op redeploy ${noop.omnix.map((r) => r.requests).join('/')}, of a rollback ${rollback.omnix.map((r) => r.requests).join('/')}`,
  );

  const backend = await alternate(runs, {
    omnix: () => {
      changeApi();
      return measured(sandbox, () => omnix(['deploy', 'development', '--yes'], { cwd: dir, env }));
    },
    comparison: awsBinary && (await byHand(sandbox, dir, changeApi)),
  });
  // Cheap, so more rounds: `node -e 0` is the comparison for both.
  const bare = () => runProcess(process.execPath, ['-e', '0'], { env });
  const startupRuns = Math.max(10, runs);
  const status = await alternate(startupRuns, {
    omnix: () => omnix(['status', 'development'], { cwd: dir, env }),
    comparison: bare,
  });
  const help = await alternate(startupRuns, { omnix: () => omnix(['--help'], { cwd: dir, env }) });
  return [
    timeRow('omnix status vs node -e 0', status, { ratio: 2.0 }),
    timeRow('omnix --help', help, { max: 0.25 }),
    timeRow('no-op redeploy of the example (build included)', noop, { max: 1 }),
    timeRow('rollback of the example (health checks included)', rollback, { max: 1.5 }),
    timeRow('deploy of a changed API function vs the AWS CLI by hand', backend, { ratio: 1.0 }),
  ];
}

/**
 * What a user without omnix runs after changing the API function: zip it, upload the code, wait for
 * the update, publish a version, move the alias, and deploy the API stage again.
 */
async function byHand(sandbox, dir, changeApi) {
  const name = 'omnix-shop-api-development';
  const { stdout } = await aws(sandbox.endpoint, ['apigateway', 'get-rest-apis', '--output', 'json']);
  const api = JSON.parse(stdout).items.find((item) => item.name === 'omnix-shop-development');
  const zip = join(dir, 'api.zip');
  return () => {
    changeApi();
    return measured(sandbox, async () => {
      const start = process.hrtime.bigint();
      await runProcess('zip', ['-qrX', zip, '.'], { cwd: join(dir, 'backend/api') });
      const call = (...args) => aws(sandbox.endpoint, [...args, '--output', 'json']);
      await call('lambda', 'update-function-code', '--function-name', name, '--zip-file', `fileb://${zip}`);
      await call('lambda', 'wait', 'function-updated-v2', '--function-name', name);
      const published = JSON.parse((await call('lambda', 'publish-version', '--function-name', name)).stdout);
      await call(
        'lambda',
        'update-alias',
        '--function-name',
        name,
        '--name',
        'live',
        '--function-version',
        published.Version,
      );
      await call('apigateway', 'create-deployment', '--rest-api-id', api.id, '--stage-name', 'development');
      return { seconds: Number(process.hrtime.bigint() - start) / 1e9 };
    });
  };
}
