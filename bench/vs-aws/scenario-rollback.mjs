// Rollback time against the number of files a release changed: a site of 2,000 files deployed once,
// then for each count a release changing that many files and `omnix rollback` to the first release,
// whose restore copies back exactly those files. The fixed part is what a 0-file change would cost.
import { join } from 'node:path';
import {
  alternate,
  detail,
  measured,
  omnix,
  scaled,
  seconds,
  settings,
  summary,
  toolEnv,
  workDir,
} from './common.mjs';
import { bootstrap, frontendProject } from './project.mjs';
import { SyntheticSite } from './site.mjs';

export async function rollbackScenario(sandbox) {
  const dir = workDir('rollback');
  const env = toolEnv(sandbox.endpoint);
  const files = scaled(2000);
  frontendProject(dir, ['rollback']);
  await bootstrap(dir, 'rollback', env);
  const site = new SyntheticSite(join(dir, 'site'), { files, size: 20_000 });
  site.rebuild();
  await omnix(['deploy', 'rollback', '--yes'], { cwd: dir, env });
  const first = [...site.contents];
  const rows = [];
  for (const changed of [...new Set([1, scaled(200), files - 1])]) {
    const times = await alternate(settings.runs, {
      between: async () => {
        site.contents = [...first];
        site.rebuild(changed);
        await omnix(['deploy', 'rollback', '--yes'], { cwd: dir, env });
      },
      omnix: () => measured(sandbox, () => omnix(['rollback', 'rollback', '1', '--yes'], { cwd: dir, env })),
    });
    const { median, min, max } = summary(times.omnix.map((run) => run.seconds));
    detail(
      `rollback of ${changed} changed of ${files} files: ${seconds(median)} s (${seconds(min)}–${seconds(max)}), requests ${times.omnix.map((r) => r.requests).join('/')}`,
    );
    rows.push({
      work: `rollback, ${changed} of ${files} files changed`,
      unit: 's',
      omnix: times.omnix.map((run) => run.seconds),
    });
  }
  return rows;
}
