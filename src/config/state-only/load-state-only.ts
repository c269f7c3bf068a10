import type { LoadConfigOptions } from '../load.js';
import { type ConfigLocation, environmentFile, listEnvironments, locateConfig } from '../location.js';
import { rememberedState, rememberState, type StateOnly } from './remembered-state.js';

export type { StateOnly };

/**
 * The state section of an environment's configuration, for the commands that only read state
 * (`status`, `history`, `lock`): both files parsed, the section validated against its schema, and
 * nothing else looked at, so a mistake elsewhere does not stop them (`omnix config validate` and every
 * deployment still report it). Undefined whenever the section needs more than that: a `${...}`
 * reference or an `OMNIX__` override (they may need the whole configuration), a backend other than
 * files (it needs the `aws` settings), or any problem at all, which the full load then reports with
 * its file and line.
 */
export async function loadStateOnly(options: LoadConfigOptions): Promise<StateOnly | undefined> {
  const env = options.env ?? process.env;
  if (Object.keys(env).some((name) => name.startsWith('OMNIX__'))) return undefined;
  let location: ConfigLocation;
  try {
    location = locateConfig(options.configDir ?? options.cwd ?? process.cwd());
  } catch {
    return undefined;
  }
  if (!(await listEnvironments(location)).includes(options.environment)) return undefined;
  const files = [location.masterFile, environmentFile(location, options.environment)];
  const remembered = await rememberedState(files, location.projectRoot, options.environment);
  if (remembered) return { environment: options.environment, location, state: remembered };
  // Only on a miss: the YAML parser and the schema are most of what these commands would load.
  const [{ deepMerge }, { isPlainObject }, { readConfigFile }, { stateSchema }, { parseYamlSource }] =
    await Promise.all([
      import('../merge.js'),
      import('../paths.js'),
      import('../read-config-file.js'),
      import('../schema/state.js'),
      import('../yaml-source.js'),
    ]);
  const trees: unknown[] = [];
  for (const file of files) {
    const read = await readConfigFile(file, file);
    if ('issue' in read) return undefined;
    const source = parseYamlSource(file, read.text);
    if (source.errors.length > 0) return undefined;
    trees.push(source.value);
  }
  const merged = deepMerge(trees[0], trees[1]);
  const section = isPlainObject(merged) ? merged.state : undefined;
  if (JSON.stringify(section ?? {}).includes('${')) return undefined;
  const parsed = stateSchema.safeParse(section);
  if (!parsed.success || parsed.data.backend !== 'file') return undefined;
  await rememberState(files, location.projectRoot, options.environment, parsed.data);
  return { environment: options.environment, location, state: parsed.data };
}
