import { MIGRATION_PLACEHOLDER_STACK } from '../../config/rules/migration-placeholders.js';
import { collectSettings, type SettingValues } from './draft-settings.js';
import { commentLine, type DraftLeaf, type DraftTree, has, put, renderYaml } from './draft-yaml.js';
import type { ScanResult } from './scan.js';
import type { Location } from './types.js';

/** A placeholder that validation names and a deployment stops at: see migrationPlaceholdersRemain. */
export function placeholder(what: string): string {
  const key = what
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
  return `\${cfn:${MIGRATION_PLACEHOLDER_STACK}.${key}}`;
}

function where(locations: Location[]): string {
  const unique = [...new Set(locations.map((location) => `${location.file}:${location.line}`))];
  return unique.length > 4
    ? `${unique.slice(0, 4).join(', ')} (+${unique.length - 4} more)`
    : unique.join(', ');
}

/** The leaf for one setting: its one value with where it came from, or a CONFLICT placeholder. */
function leafOf(setting: SettingValues, layer: string): DraftLeaf {
  const entries = [...setting.values.entries()];
  const templates = [...setting.templates].map((template) => `the scripts build it as ${template}`);
  if (entries.length === 1) {
    const [[value, locations]] = entries as [[string, Location[]]];
    return {
      value,
      comments: [`from ${where(locations)}`, ...(value.includes('${environment}') ? templates : [])],
    };
  }
  const what = `${layer || 'all environments'} ${setting.path.join(' ')} conflict`;
  if (entries.length === 0)
    return {
      value: placeholder(what.replace('conflict', '')),
      comments: ['TODO: the scripts only build this from values they do not define:', ...templates],
    };
  const width = Math.max(...entries.map(([value]) => value.length));
  return {
    value: placeholder(what),
    comments: [
      `CONFLICT: the scripts give ${layer || 'every environment'} ${entries.length} values for ${setting.path.join('.')}; keep one:`,
      ...entries.map(([value, locations]) => `  ${value.padEnd(width)}  ${where(locations)}`),
    ],
  };
}

/** Writes each layer's settings, then fills what validation requires with marked placeholders. */
function buildTrees(scan: ScanResult): { master: DraftTree; environments: Map<string, DraftTree> } {
  const layers = collectSettings(scan);
  const master: DraftTree = {};
  const environments = new Map<string, DraftTree>();
  const names = scan.environments.length > 0 ? scan.environments : ['production'];
  for (const name of names) environments.set(name, {});
  for (const [layer, settings] of layers) {
    const tree = layer === '' ? master : environments.get(layer)!;
    for (const setting of settings.values()) put(tree, setting.path, leafOf(setting, layer));
  }
  const everywhere = (path: string[]) =>
    has(master, path) || [...environments.values()].every((tree) => has(tree, path));
  const somewhere = (prefix: string[]) =>
    has(master, prefix) || [...environments.values()].some((tree) => has(tree, prefix));
  const need = (path: string[], what: string, comment: string) => {
    if (!everywhere(path)) put(master, path, { value: placeholder(what), comments: [`TODO: ${comment}`] });
  };
  put(master, ['project'], { value: scan.project, comments: ['from the package or folder name: check it'] });
  need(['aws', 'region'], 'region', 'no region found for every environment');
  const backend = somewhere(['backend']);
  if (somewhere(['frontend']) || !backend) {
    const sources = scan.files.flatMap((file) =>
      file.steps.flatMap((step) => (step.source ? [step.source] : [])),
    );
    const source = mostCommon(sources);
    put(
      master,
      ['frontend', 'source'],
      source
        ? {
            value: source,
            comments: [
              `the folder the scripts sync (${sources.length} of them); relative to the project root`,
            ],
          }
        : {
            value: placeholder('site folder'),
            comments: ['TODO: the folder with the built site, relative to the project root'],
          },
    );
    need(['frontend', 'bucket'], 'site bucket', 'no site bucket found for every environment');
  }
  if (backend) completeBackend(master, environments, need, somewhere);
  for (const [name, tree] of environments)
    if (/^prod(uction)?$/.test(name))
      put(tree, ['approvals', 'required'], {
        value: true,
        comments: ['production deploys wait for an approval'],
      });
  return { master, environments };
}

function completeBackend(
  master: DraftTree,
  environments: Map<string, DraftTree>,
  need: (path: string[], what: string, comment: string) => void,
  somewhere: (prefix: string[]) => boolean,
): void {
  const keys = new Set<string>();
  for (const tree of [master, ...environments.values()]) {
    const functions = (tree.backend as DraftTree | undefined)?.functions as DraftTree | undefined;
    for (const key of Object.keys(functions ?? {})) keys.add(key);
  }
  if (keys.size === 0) keys.add('api');
  for (const key of keys) {
    need(
      ['backend', 'functions', key, 'name'],
      `${key} function name`,
      `no name of function ${key} for every environment`,
    );
    put(master, ['backend', 'functions', key, 'source'], {
      value: placeholder(`${key} function source`),
      comments: [`TODO: the folder (or .zip) with the code of function ${key}, relative to the project root`],
    });
  }
  if (!somewhere(['backend', 'api'])) return;
  need(['backend', 'api', 'stage'], 'api stage', 'no API stage found for every environment');
  for (const tree of environments.values())
    if (!has(tree, ['backend', 'api', 'id']) && !has(master, ['backend', 'api', 'id']))
      put(tree, ['backend', 'api', 'name'], {
        value: placeholder('api name'),
        comments: ['TODO: no API id found for this environment: give its id, or its name'],
      });
  if (!keys.has('api') && keys.size > 1)
    put(master, ['backend', 'api', 'function'], {
      value: [...keys].find((key) => key.includes('api')) ?? [...keys][0]!,
      comments: ['TODO: the function the API proxies to: check it'],
    });
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The draft configuration files, by path relative to the folder they go in (`config/...`). */
export function draftConfig(scan: ScanResult, date: string): Record<string, string> {
  const { master, environments } = buildTrees(scan);
  const header = (what: string) =>
    `${commentLine(`DRAFT ${what} written by omnix migrate scan on ${date} from ${scan.files.length} legacy files.`)}\n` +
    `${commentLine('Every value says where it came from. Resolve each CONFLICT and TODO, then run: omnix config validate --all')}\n`;
  const files: Record<string, string> = {
    'config/deployment-config.yaml': `${header('shared configuration')}${renderYaml(master)}`,
  };
  for (const [name, tree] of environments) {
    const body = renderYaml(tree);
    files[`config/environments/${name}.yaml`] =
      `${header(`configuration of ${name}`)}${body === '' ? '{}\n' : body}`;
  }
  return files;
}
