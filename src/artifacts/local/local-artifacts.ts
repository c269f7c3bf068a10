import { resolve } from 'node:path';
import type { LoadedConfig } from '../../config/load.js';
import { once } from '../../core/once.js';
import { type FunctionPackage, packageFunction } from '../../providers/package/function-package.js';
import { CACHE_FOLDER } from './hash-cache.js';
import { type LocalFile, scanSite } from './site.js';

/** What is built on this machine, read once however many steps (validation, plan) look at it. */
export interface LocalArtifacts {
  /** The built site's files; rejects when the folder is missing or empty. */
  site(): Promise<LocalFile[]>;
  /** Each function's package by function key; a source that cannot be packaged is its Error. */
  packages(): Promise<Map<string, FunctionPackage | Error>>;
}

export function localArtifacts(loaded: LoadedConfig): LocalArtifacts {
  const { config, location } = loaded;
  return {
    site: once(() =>
      scanSite(
        resolve(location.projectRoot, config.frontend!.source),
        config.frontend!,
        config.frontend!.hashCache ? { cacheFolder: resolve(location.projectRoot, CACHE_FOLDER) } : {},
      ),
    ),
    packages: once(async () => {
      const packages = new Map<string, FunctionPackage | Error>();
      for (const [key, fn] of Object.entries(config.backend?.functions ?? {}))
        packages.set(
          key,
          await packageFunction(resolve(location.projectRoot, fn.source)).catch((error: Error) => error),
        );
      return packages;
    }),
  };
}
