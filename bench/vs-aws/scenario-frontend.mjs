// 2,000 files (about 40 MB): cold deploy, redeploy after a rebuild that rewrites every file and changes
// 2% of them, and a redeploy with nothing changed; omnix against `aws s3 sync`, each into its own bucket.
import { join } from 'node:path';
import {
  alternate,
  aws,
  awsBinary,
  detail,
  measured,
  omnix,
  scaled,
  settings,
  timeRow,
  toolEnv,
  workDir,
} from './common.mjs';
import { bootstrap, frontendProject } from './project.mjs';
import { SyntheticSite } from './site.mjs';

export async function frontendScenario(sandbox) {
  const { runs } = settings;
  const dir = workDir('frontend');
  const env = toolEnv(sandbox.endpoint);
  const files = scaled(2000);
  const changed = Math.max(1, Math.round(files * 0.02));
  const environments = Array.from({ length: runs }, (_, i) => `cold-${i + 1}`);
  frontendProject(dir, environments);
  for (const environment of environments) await bootstrap(dir, environment, env);
  const site = new SyntheticSite(join(dir, 'site'), { files, size: 20_000 });
  site.rebuild();
  detail(
    `site: ${files} files, ${(site.bytes / 1e6).toFixed(0)} MB; a rebuild rewrites all and changes ${changed}`,
  );

  const deploy = (environment) => () =>
    measured(sandbox, () => omnix(['deploy', environment, '--yes'], { cwd: dir, env }));
  const sync =
    (bucket, ...flags) =>
    () =>
      measured(sandbox, () =>
        aws(sandbox.endpoint, ['s3', 'sync', site.dir, `s3://${bucket}`, '--only-show-errors', ...flags]),
      );
  const comparing = Boolean(awsBinary);
  if (comparing)
    for (let i = 1; i <= runs; i++) await aws(sandbox.endpoint, ['s3', 'mb', `s3://aws-cold-${i}`]);

  const cold = await alternate(runs, {
    omnix: (round) => deploy(`cold-${round + 1}`)(),
    comparison: comparing && ((round) => sync(`aws-cold-${round + 1}`)()),
  });
  // Later rounds deploy over the first cold deployment of each tool.
  const incremental = await alternate(runs, {
    between: () => site.rebuild(changed),
    omnix: deploy('cold-1'),
    comparison: comparing && sync('aws-cold-1'),
  });
  const noop = await alternate(runs, {
    omnix: deploy('cold-1'),
    comparison: comparing && sync('aws-cold-1'),
  });
  const requests = (label, pair) =>
    detail(
      `${label}: requests omnix ${pair.omnix.map((r) => r.requests).join('/')}` +
        (pair.comparison ? `, aws s3 sync ${pair.comparison.map((r) => r.requests).join('/')}` : ''),
    );
  requests(`cold ${files}`, cold);
  requests(`after a rebuild changing ${changed}`, incremental);
  requests('no-op', noop);
  return [
    timeRow(`cold deploy, ${files} files`, cold, { ratio: 0.5 }),
    timeRow(`${files} files, ${changed} changed after a rebuild`, incremental, { ratio: 0.1 }),
    timeRow(`no-op redeploy, ${files} files`, noop, { ratio: 1.0 }),
  ];
}
