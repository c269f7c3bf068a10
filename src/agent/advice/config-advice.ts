import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { apiFunctionKey } from '../../config/api-function.js';
import { configuredRoutes, matchRoute } from '../../config/api-routes.js';
import type { Advice, AdviceRule } from './advice.js';
import { RUNTIME_DEPRECATION, SOON_DAYS } from './runtimes.js';

const DAY_MS = 24 * 3600 * 1000;
/** Lambda's limits: 50 MB zipped for a direct upload, 250 MB unzipped (code and layers). */
const UNZIPPED_LIMIT = 250 * 1024 * 1024;
const NEAR = 0.6;

/** Functions on a deprecated runtime, or one deprecated within SOON_DAYS, with the date. */
export const deprecatedRuntimes: AdviceRule = ({ environment, config, now }) =>
  Object.entries(config.backend?.functions ?? {}).flatMap(([key, fn]): Advice[] => {
    const date = RUNTIME_DEPRECATION[fn.runtime];
    if (!date) return [];
    const days = Math.round((Date.parse(date) - now.getTime()) / DAY_MS);
    if (days > SOON_DAYS) return [];
    return [
      {
        id: 'deprecated-runtime',
        environment,
        title: `function ${key} runs on ${fn.runtime}, ${days < 0 ? `deprecated since ${date}` : `deprecated on ${date} (in ${days} days)`}`,
        evidence: [
          `backend.functions.${key}.runtime: ${fn.runtime}; Lambda deprecation date ${date} (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html)`,
        ],
        change: `set backend.functions.${key}.runtime to a supported runtime (for Node.js: nodejs24.x) and test the function on it`,
      },
    ];
  });

async function folderBytes(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (entry.isFile())
      total += (await stat(join(entry.parentPath, entry.name)).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

/** Function packages whose unzipped size is past 60% of Lambda's 250 MB limit. */
export const packagesNearLimits: AdviceRule = async ({ environment, config, projectRoot }) => {
  const found: Advice[] = [];
  for (const [key, fn] of Object.entries(config.backend?.functions ?? {})) {
    const bytes = await folderBytes(resolve(projectRoot, fn.source));
    if (bytes < UNZIPPED_LIMIT * NEAR) continue;
    found.push({
      id: 'package-near-limit',
      environment,
      title: `function ${key}'s package is ${(bytes / 1048576).toFixed(0)} MB unzipped, near Lambda's 250 MB limit`,
      evidence: [
        `${fn.source}: ${(bytes / 1048576).toFixed(1)} MB (${Math.round((100 * bytes) / UNZIPPED_LIMIT)}% of 250 MB)`,
      ],
      change: `bundle and tree-shake backend.functions.${key}.source (esbuild), leave dev dependencies out, or move large dependencies to a layer`,
    });
  }
  return found;
};

/** Functions that no health check reaches: no lambda check names them and none is behind the API. */
export const functionsWithoutHealthCheck: AdviceRule = ({ environment, config }) => {
  const checks = config.health.checks;
  const invoked = new Set(
    checks.flatMap((check) => ('function' in check && check.function ? [check.function] : [])),
  );
  const keys = Object.keys(config.backend?.functions ?? {});
  const backend = config.backend;
  const apiFunction = backend?.api ? apiFunctionKey(backend) : undefined;
  const routes = backend && configuredRoutes(backend);
  // The functions an http check under the API's URL reaches: the one behind everything, or its route's.
  const reached = new Set<string>();
  for (const check of checks) {
    if (check.type !== 'http' || !/apiUrl/.test(String(check.url))) continue;
    const path =
      String(check.url)
        .replace(/^.*apiUrl\}?/, '')
        .split('?')[0] || '/';
    const key = routes ? matchRoute(routes, check.method, path)?.function : apiFunction;
    if (key) reached.add(key);
  }
  return keys
    .filter((key) => !invoked.has(key) && !reached.has(key))
    .map((key) => ({
      id: 'function-without-health-check',
      environment,
      title: `no health check reaches function ${key}`,
      evidence: [
        `${checks.length} health check(s); none of type lambda names ${key}${apiFunction === key ? ', and none calls the API' : ''}`,
      ],
      change: `add to health.checks: { name: ${key}, type: lambda, function: ${key}, payload: {} } (or an http check of a route it serves)`,
    }));
};
