// 20,000 files of 1 KB: one cold deployment each (its time, peak RSS, and the bytes omnix wrote to
// disk against the size of the state it kept), then `omnix plan` with nothing to change against
// `aws s3 sync --dryrun`, which finds nothing to do.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  alternate,
  aws,
  awsBinary,
  detail,
  measured,
  megabytes,
  omnix,
  scaled,
  settings,
  timeRow,
  toolEnv,
  workDir,
} from './common.mjs';
import { bootstrap, frontendProject } from './project.mjs';
import { SyntheticSite } from './site.mjs';

const folderBytes = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);

export async function planScenario(sandbox) {
  const dir = workDir('plan');
  const env = toolEnv(sandbox.endpoint);
  const files = scaled(20_000);
  frontendProject(dir, ['plan']);
  await bootstrap(dir, 'plan', env);
  const site = new SyntheticSite(join(dir, 'site'), { files, size: 1000 });
  site.rebuild();
  const comparing = Boolean(awsBinary);
  if (comparing) await aws(sandbox.endpoint, ['s3', 'mb', 's3://aws-plan']);
  const sync =
    (...flags) =>
    () =>
      measured(sandbox, () =>
        aws(sandbox.endpoint, ['s3', 'sync', site.dir, 's3://aws-plan', '--only-show-errors', ...flags]),
      );

  const cold = await alternate(1, {
    omnix: () => measured(sandbox, () => omnix(['deploy', 'plan', '--yes'], { cwd: dir, env })),
    comparison: comparing && sync(),
  });
  const [deployed] = cold.omnix;
  const stateBytes = folderBytes(join(dir, '.omnix/state'));
  detail(
    `cold ${files} × 1 KB: omnix peak RSS ${megabytes(deployed.peakRssBytes)}, wrote ${megabytes(deployed.writeBytes ?? 0)} to disk for ${megabytes(stateBytes)} of state` +
      (comparing ? `; aws s3 sync peak RSS ${megabytes(cold.comparison[0].peakRssBytes)}` : ''),
  );
  const plan = await alternate(settings.runs, {
    omnix: () => measured(sandbox, () => omnix(['plan', 'plan'], { cwd: dir, env })),
    comparison: comparing && sync('--dryrun'),
  });
  detail(
    `plan ${files}: requests omnix ${plan.omnix.map((r) => r.requests).join('/')}` +
      (comparing ? `, aws s3 sync --dryrun ${plan.comparison.map((r) => r.requests).join('/')}` : ''),
  );
  return [
    timeRow(`cold deploy, ${files} × 1 KB (1 run)`, cold, undefined),
    {
      work: `disk written ÷ state kept, cold ${files} files`,
      unit: '×',
      omnix: deployed.writeBytes === undefined ? [] : [deployed.writeBytes / stateBytes],
      target: { max: 10 },
      note: `${megabytes(deployed.writeBytes ?? 0)} for ${megabytes(stateBytes)}`,
    },
    timeRow(`omnix plan, ${files} files, vs aws s3 sync --dryrun`, plan, { ratio: 1.0 }),
  ];
}
