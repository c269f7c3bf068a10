import { getAt } from '../config/paths.js';
import { findRestApi, readStage } from '../providers/aws/api-stage.js';
import { readLiveFunction } from '../providers/aws/functions.js';
import type { ValidationContext } from './types.js';

/** One way the live environment differs from what omnix made live. Values of variables are never shown. */
export interface Drift {
  resource: string;
  field: string;
  /** What omnix deployed (or, before any release, what is declared). */
  expected: string;
  found: string;
}

const FIELDS = [
  { field: 'runtime', config: 'runtime', live: (fn: LiveFn) => fn.runtime },
  { field: 'memory', config: 'memoryMb', live: (fn: LiveFn) => fn.memorySize, unit: ' MB' },
  { field: 'timeout', config: 'timeoutSeconds', live: (fn: LiveFn) => fn.timeout, unit: ' s' },
  { field: 'handler', config: 'handler', live: (fn: LiveFn) => fn.handler },
] as const;
type LiveFn = NonNullable<Awaited<ReturnType<typeof readLiveFunction>>>;

/**
 * What changed outside omnix since the latest release: function runtime, memory, timeout, handler and
 * environment variables compared with what that release's deployment set (what is declared, for a
 * record that does not hold its configuration); the
 * alias and the stage compared with the release's version and deployment; the site's objects compared
 * with the release's object versions. A declared change not deployed yet is not drift.
 */
export async function detectDrift(context: ValidationContext): Promise<Drift[]> {
  const { config } = context.loaded;
  const [release] = await context.releases();
  // Before the first release omnix has made nothing live, so nothing can have drifted from it.
  if (!release) return [];
  const record = await context.releasedBy();
  const deployed = (record?.config ?? undefined) as Record<string, unknown> | undefined;
  const drift: Drift[] = [];
  if (config.backend && context.only !== 'frontend') {
    const lambda = await context.clients.lambda();
    await Promise.all(
      Object.entries(config.backend.functions).map(async ([key, fn]) => {
        const live = await readLiveFunction(lambda, fn.name, fn.alias);
        if (!live) return;
        const expectedOf = (field: string) =>
          deployed
            ? getAt(deployed, ['backend', 'functions', key, field])
            : (fn as Record<string, unknown>)[field];
        for (const { field, config: name, live: read, ...rest } of FIELDS) {
          const expected = expectedOf(name);
          const unit = 'unit' in rest ? rest.unit : '';
          if (expected !== undefined && String(expected) !== String(read(live)))
            drift.push({
              resource: fn.name,
              field,
              expected: `${expected}${unit}`,
              found: `${read(live)}${unit}`,
            });
        }
        const variables = (expectedOf('environment') ?? {}) as Record<string, unknown>;
        const names = new Set([...Object.keys(variables), ...Object.keys(live.environment)]);
        for (const name of [...names].sort()) {
          const expected = variables[name];
          const found = live.environment[name];
          // Secret values are recorded as ***: only whether they are there can be compared.
          const same =
            expected === '***' ? found !== undefined : expected !== undefined && String(expected) === found;
          if (!same)
            drift.push({
              resource: fn.name,
              field: `environment ${name}`,
              expected: expected === undefined ? 'unset' : 'set',
              found: found === undefined ? 'unset' : expected === undefined ? 'set' : 'a different value',
            });
        }
        const released = release.manifest.backend?.functions.find((entry) => entry.name === fn.name);
        if (released && live.alias && live.alias.version !== released.version)
          drift.push({
            resource: `${fn.name}:${fn.alias}`,
            field: 'alias target',
            expected: `version ${released.version} (release v${release.number})`,
            found: `version ${live.alias.version}`,
          });
      }),
    );
    const releasedApi = release.manifest.backend?.api;
    if (releasedApi && config.backend.api) {
      const gateway = await context.clients.apiGateway();
      const restApiId = await findRestApi(gateway, config.backend.api.id, config.backend.api.name);
      const stage = await readStage(gateway, restApiId, releasedApi.stage);
      if (stage && stage.deploymentId !== releasedApi.deploymentId)
        drift.push({
          resource: `${restApiId}/${releasedApi.stage}`,
          field: 'stage deployment',
          expected: `${releasedApi.deploymentId} (release v${release.number})`,
          found: stage.deploymentId,
        });
    }
  }
  const releasedSite = release.manifest.frontend;
  if (releasedSite && releasedSite.bucket === config.frontend?.bucket && context.only !== 'backend') {
    const live = new Map(
      (await context.siteVersions())
        .filter((version) => version.latest)
        .map((object) => [object.key, object]),
    );
    for (const object of releasedSite.objects) {
      const found = live.get(object.key);
      if (found?.versionId === object.versionId) continue;
      drift.push({
        resource: `s3://${releasedSite.bucket}/${object.key}`,
        field: 'object',
        expected: `version ${object.versionId} (release v${release.number})`,
        found: found ? `version ${found.versionId}, changed outside omnix` : 'deleted outside omnix',
      });
    }
  }
  return drift;
}

export const describeDrift = (item: Drift) =>
  `${item.resource}: ${item.field} ${item.expected} → ${item.found}`;
