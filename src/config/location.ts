import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';

export const MASTER_FILE = 'deployment-config.yaml';
export const ENVIRONMENTS_DIR = 'environments';

/** Where a project's configuration lives. */
export interface ConfigLocation {
  /** The project using omnix: relative paths in the config (sources, builds) start here. */
  projectRoot: string;
  /** The folder holding deployment-config.yaml and environments/. */
  configDir: string;
  masterFile: string;
  environmentsDir: string;
}

/**
 * Accepts either the project root (which has `config/deployment-config.yaml`) or the config folder
 * itself (which has `deployment-config.yaml`).
 */
export function locateConfig(dir: string): ConfigLocation {
  const start = resolve(dir);
  for (const configDir of [join(start, 'config'), start]) {
    if (existsSync(join(configDir, MASTER_FILE))) {
      return {
        projectRoot: dirname(configDir),
        configDir,
        masterFile: join(configDir, MASTER_FILE),
        environmentsDir: join(configDir, ENVIRONMENTS_DIR),
      };
    }
  }
  throw new ConfigError([
    {
      source: join(displayPath(start), 'config', MASTER_FILE),
      path: '',
      message: `no configuration found: neither ${join(displayPath(start), 'config', MASTER_FILE)} nor ${join(displayPath(start), MASTER_FILE)} exists`,
      hint: 'Run `omnix init` to create one, or point --config-dir at the project.',
    },
  ]);
}

/** Environment names: the files in environments/, without their extension, sorted. */
export async function listEnvironments(location: ConfigLocation): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(location.environmentsDir);
  } catch {
    return [];
  }
  return names
    .filter((name) => /^[A-Za-z0-9][A-Za-z0-9_-]*\.ya?ml$/.test(name))
    .map((name) => name.replace(/\.ya?ml$/, ''))
    .sort();
}

export function environmentFile(location: ConfigLocation, environment: string): string {
  const yml = join(location.environmentsDir, `${environment}.yml`);
  return existsSync(yml) ? yml : join(location.environmentsDir, `${environment}.yaml`);
}

/** A path as people should see it: relative to the working directory when below it. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
