// Projects the scenarios deploy: a frontend-only one around a synthetic site (one environment per
// bucket, so that each cold run starts from nothing), and a copy of the example app.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { omnix } from './common.mjs';

export function frontendProject(dir, environments) {
  mkdirSync(join(dir, 'config/environments'), { recursive: true });
  writeFileSync(
    join(dir, 'config/deployment-config.yaml'),
    [
      'project: bench',
      'aws:',
      '  region: us-east-1',
      '  endpoint: ${env:OMNIX_AWS_ENDPOINT}',
      'frontend:',
      '  source: site',
      '  bucket: bench-${environment}',
      '  cacheControl:',
      '    - { match: "pages/**", value: "public, max-age=31536000, immutable" }',
      '',
    ].join('\n'),
  );
  for (const environment of environments)
    writeFileSync(join(dir, `config/environments/${environment}.yaml`), '{}\n');
}

/** Creates an environment's bucket and distribution in the sandbox (untimed set-up). */
export async function bootstrap(dir, environment, env) {
  const { stdout } = await omnix(['sandbox', 'bootstrap', environment, '--json'], { cwd: dir, env });
  return JSON.parse(stdout);
}

export function exampleProject(dir) {
  const example = fileURLToPath(new URL('../../examples/webapp', import.meta.url));
  cpSync(example, dir, {
    recursive: true,
    filter: (path) => !/node_modules|\.omnix|web\/dist/.test(path.slice(example.length)),
  });
}
