// About 1 GB in 301 files, 20 of them large enough for multipart uploads: a cold deployment of each
// tool into its own bucket, timed, with each process's peak resident memory.
import { join } from 'node:path';
import {
  alternate,
  aws,
  awsBinary,
  detail,
  measured,
  megabytes,
  omnix,
  scale,
  settings,
  timeRow,
  toolEnv,
  workDir,
} from './common.mjs';
import { bootstrap, frontendProject } from './project.mjs';
import { writeLargeSite } from './site.mjs';

export async function largeScenario(sandbox) {
  const { runs } = settings;
  const dir = workDir('large');
  const env = toolEnv(sandbox.endpoint);
  const environments = Array.from({ length: runs }, (_, i) => `large-${i + 1}`);
  frontendProject(dir, environments);
  for (const environment of environments) await bootstrap(dir, environment, env);
  // The large files stay above both tools' multipart thresholds (aws: 8 MiB) at any BENCH_SCALE.
  const totalBytes = Math.max(1e9 * scale(), 20 * 16 * 1024 * 1024 * 1.12);
  const site = writeLargeSite(join(dir, 'site'), { totalBytes, large: 20, small: 281 });
  detail(
    `site: ${site.files} files, ${megabytes(site.bytes)}, 20 of ${megabytes(site.largeSize)} (multipart)`,
  );
  const comparing = Boolean(awsBinary);
  if (comparing)
    for (let i = 1; i <= runs; i++) await aws(sandbox.endpoint, ['s3', 'mb', `s3://aws-large-${i}`]);
  const cold = await alternate(runs, {
    omnix: (round) =>
      measured(sandbox, () => omnix(['deploy', `large-${round + 1}`, '--yes'], { cwd: dir, env })),
    comparison:
      comparing &&
      ((round) =>
        measured(sandbox, () =>
          aws(sandbox.endpoint, [
            's3',
            'sync',
            join(dir, 'site'),
            `s3://aws-large-${round + 1}`,
            '--only-show-errors',
          ]),
        )),
  });
  const rss = (runs) => runs.map((run) => run.peakRssBytes / 1024 / 1024);
  return [
    timeRow(`cold deploy, ${megabytes(site.bytes)} in ${site.files} files`, cold, { ratio: 1.0 }),
    {
      work: `  peak RSS of that deploy`,
      unit: 'MB',
      omnix: rss(cold.omnix),
      comparison: cold.comparison && rss(cold.comparison),
      target: { max: 200 },
    },
  ];
}
