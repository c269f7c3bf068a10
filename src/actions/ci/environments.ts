import { type LoadedConfig, loadValidConfig } from '../../config/load.js';
import { type ConfigLocation, listEnvironments } from '../../config/location.js';
import type { StateSettings } from '../../config/schema/state.js';
import { UsageError } from '../../core/errors.js';
import { closestName } from '../../core/suggest.js';

/** Without --environments: these, in this order, where the configuration has them. */
const DEFAULT_ORDER = ['staging', 'production'];

/**
 * The environments the pipeline moves, in order, each loaded the way `omnix config validate` loads it
 * (an invalid one stops here with its located errors, exit 2).
 */
export async function pipelineEnvironments(
  location: ConfigLocation,
  named: readonly string[] | undefined,
  load: { configDir: string; cwd: string; env: Readonly<Record<string, string | undefined>> },
): Promise<LoadedConfig[]> {
  const known = await listEnvironments(location);
  const names = named ?? DEFAULT_ORDER.filter((name) => known.includes(name));
  if (names.length === 0)
    throw new UsageError(
      'EnvironmentsRequired',
      `the configuration has no staging or production environment to build a pipeline from (it has: ${known.join(', ') || 'none'})`,
      { hint: 'Name them in deployment order: omnix ci init github --environments <first>,<second>' },
    );
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name))
      throw new UsageError('DuplicateEnvironment', `--environments names '${name}' twice`, {
        hint: 'Each environment appears once, in the order changes move through them.',
      });
    seen.add(name);
    if (!known.includes(name)) {
      const suggestion = closestName(name, known);
      throw new UsageError(
        'UnknownEnvironment',
        `unknown environment '${name}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
        { hint: `The configuration has: ${known.join(', ') || 'no environments'}.` },
      );
    }
  }
  const loaded: LoadedConfig[] = [];
  for (const environment of names) loaded.push(await loadValidConfig({ ...load, environment }));
  for (const { environment, config } of loaded) refuseFileState(environment, config.state);
  return loaded;
}

/** A CI runner's disk is gone after every job: releases, locks and approvals must live elsewhere. */
function refuseFileState(environment: string, state: StateSettings): void {
  if (state.backend !== 'file') return;
  throw new UsageError(
    'FileStateInCi',
    `${environment} keeps its state in a folder (state.backend: file), which a CI runner throws away after each job: the promotion would not find the release it promotes, and approvals recorded elsewhere would never reach it`,
    {
      hint: 'Use a shared state store: state: { backend: s3, bucket: <bucket> } (or dynamodb with a table) in config/deployment-config.yaml, then `omnix state init`, and `omnix state migrate --from file --to s3` to keep the history.',
    },
  );
}

/** The state store in words, for the workflow's header. */
export function describeState(state: StateSettings): string {
  if (state.backend === 's3') return `s3://${state.bucket}/${state.prefix}`;
  if (state.backend === 'dynamodb') return `DynamoDB table ${state.table}`;
  return `folder ${state.path}`;
}
