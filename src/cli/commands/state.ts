import {
  type MigrationResult,
  migrateEnvironment,
  migrateWorkflowRuns,
} from '../../actions/state/migrate-state.js';
import type { LoadedConfig } from '../../config/load.js';
import type { StateSettings } from '../../config/schema/state.js';
import { ExitCode, UsageError } from '../../core/errors.js';
import { openStateStore } from '../../state/open.js';
import type { StateStore } from '../../state/store.js';
import type { CommandContext } from '../io.js';
import { reporter } from '../render/events.js';
import { renderTable } from '../render/table.js';
import { allEnvironmentStates, type EnvironmentState, environmentState } from '../state-access.js';

const DEFAULT_FILE_PATH = '.omnix/state';

/**
 * `file`, `file:<path>`, `s3`, `s3://bucket/prefix`, `dynamodb`, `dynamodb://table` → state settings. A bare
 * backend name means the environment's configured store when it is of that kind (the file store's
 * default folder otherwise).
 */
function parseStoreSpec(text: string, configured: StateSettings): StateSettings {
  const lockTtlSeconds = configured.lockTtlSeconds;
  const bare = /^(file|s3|dynamodb)$/.exec(text)?.[1];
  if (bare) {
    if (configured.backend === bare) return configured;
    if (bare === 'file') return { backend: 'file', path: DEFAULT_FILE_PATH, lockTtlSeconds };
    const example = bare === 's3' ? 's3://my-state-bucket/omnix/' : 'dynamodb://omnix-state';
    throw new UsageError(
      'StoreSpecIncomplete',
      `the configuration's state store is ${configured.backend}, so '${bare}' alone does not say which ${bare === 's3' ? 'bucket' : 'table'}`,
      { hint: `Name it: ${example}` },
    );
  }
  if (text.startsWith('file:'))
    return { backend: 'file', path: text.slice('file:'.length) || DEFAULT_FILE_PATH, lockTtlSeconds };
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(text);
  if (s3) {
    const region = configured.backend === 's3' ? configured.region : undefined;
    return {
      backend: 's3',
      bucket: s3[1]!,
      prefix: s3[2] ?? '',
      lockTtlSeconds,
      ...(region ? { region } : {}),
    };
  }
  const dynamodb = /^dynamodb:\/\/([^/]+)$/.exec(text);
  if (dynamodb) return { backend: 'dynamodb', table: dynamodb[1]!, lockTtlSeconds };
  throw new UsageError('InvalidStoreSpec', `'${text}' does not name a state store`, {
    hint: 'Use file, file:<folder>, s3, s3://bucket/prefix, dynamodb or dynamodb://table.',
  });
}

function openSpec(loaded: LoadedConfig, state: StateSettings): Promise<StateStore> {
  return openStateStore({ state, projectRoot: loaded.location.projectRoot, aws: loaded.config.aws });
}

const statesFor = (context: CommandContext, environment: string | undefined): Promise<EnvironmentState[]> =>
  environment
    ? environmentState(context, environment).then((state) => [state])
    : allEnvironmentStates(context);

/** `omnix state init [env]`: creates the folder, bucket or table each environment's state store needs. */
export async function stateInit(context: CommandContext, environment: string | undefined): Promise<number> {
  const stores = [...new Set((await statesFor(context, environment)).map((state) => state.store))];
  const results: Array<{ location: string; result: string }> = [];
  for (const store of stores) results.push({ location: store.location, result: await store.init() });
  if (context.json) context.printJson({ stores: results });
  else for (const { result } of results) context.print(result);
  return ExitCode.Ok;
}

/** `omnix state migrate --from <store> --to <store> [env]`: copies every record, then verifies it. */
export async function stateMigrate(
  context: CommandContext,
  environment: string | undefined,
  options: { from?: string; to?: string },
): Promise<number> {
  if (!options.from || !options.to)
    throw new UsageError('MissingOption', 'state migrate needs --from and --to', {
      hint: 'For example: omnix state migrate --from file --to s3',
    });
  const report = context.json ? () => {} : reporter(context);
  const results: Array<MigrationResult & { from: string; to: string }> = [];
  // Workflow runs belong to no environment: copied once per pair of stores.
  const runs: Array<{ from: string; to: string } & Awaited<ReturnType<typeof migrateWorkflowRuns>>> = [];
  for (const { loaded, environment: name } of await statesFor(context, environment)) {
    const [source, target] = await Promise.all([
      openSpec(loaded, parseStoreSpec(options.from, loaded.config.state)),
      openSpec(loaded, parseStoreSpec(options.to, loaded.config.state)),
    ]);
    if (source.location === target.location)
      throw new UsageError('SameStore', `--from and --to both name ${source.location} for ${name}`);
    await target.init();
    const result = await migrateEnvironment(source, target, name, report);
    results.push({ ...result, from: source.location, to: target.location });
    if (!runs.some((done) => done.from === source.location && done.to === target.location))
      runs.push({
        from: source.location,
        to: target.location,
        ...(await migrateWorkflowRuns(source, target)),
      });
  }
  if (context.json) {
    context.printJson({ migrated: results, workflowRuns: runs });
    return ExitCode.Ok;
  }
  context.print(
    renderTable(
      ['ENV', 'FROM', 'TO', 'DEPLOYMENTS', 'RELEASES', 'APPROVALS', 'MEMORY', 'VERIFIED'],
      results.map((r) => [
        r.environment,
        r.from,
        r.to,
        `${r.deployments.total} (${r.deployments.copied} copied)`,
        `${r.releases.total} (${r.releases.copied} copied)`,
        `${r.approvals.total} (${r.approvals.copied} copied)`,
        `${r.memory.total} (${r.memory.copied} copied)`,
        r.verified ? 'yes' : 'no',
      ]),
    ),
  );
  for (const r of runs)
    context.print(`workflow runs: ${r.total} (${r.copied} copied) from ${r.from} to ${r.to}, verified`);
  return ExitCode.Ok;
}
