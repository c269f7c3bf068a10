import { sameContent } from '../artifacts/live/release-objects.js';
import { getAt } from '../config/paths.js';
import { readLiveFunction } from '../providers/aws/functions.js';
import { detectApiDrift } from './drift-api.js';
import type { ValidationContext } from './types.js';

/** One way the live environment differs from what omnix made live. Values of variables are never shown. */
export interface Drift {
  resource: string;
  field: string;
  /** What omnix deployed (or, before any release, what is declared). */
  expected: string;
  found: string;
}

/** What drift detection found, and how much it could compare: nothing compared is "not checked", not "no drift". */
export interface DriftResult {
  /** The release compared with; unset before the first release. */
  release?: number;
  drift: Drift[];
  /** Resources read and compared with the release: functions, the stage, the site. */
  compared: number;
  /** What of the release could not be compared, and why. */
  notChecked: string[];
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
 * record that does not hold its configuration); the alias and the stage compared with the release's
 * version and deployment, the routes omnix owns with the release's; the site's objects compared with the release's by content (ETag or MD5). A
 * declared change not deployed yet is not drift; a released function or stage that is gone is.
 */
export async function detectDrift(context: ValidationContext): Promise<DriftResult> {
  const { config } = context.loaded;
  const [release] = await context.releases();
  // Before the first release omnix has made nothing live, so nothing can have drifted from it.
  if (!release) return { drift: [], compared: 0, notChecked: [] };
  const record = await context.releasedBy();
  const deployed = (record?.config ?? undefined) as Record<string, unknown> | undefined;
  const drift: Drift[] = [];
  const notChecked: string[] = [];
  let compared = 0;
  if (config.backend && context.only !== 'frontend') {
    const lambda = await context.clients.lambda();
    await Promise.all(
      Object.entries(config.backend.functions).map(async ([key, fn]) => {
        const live = await readLiveFunction(lambda, fn.name, fn.alias);
        const released = release.manifest.backend?.functions.find((entry) => entry.name === fn.name);
        if (!live) {
          if (released)
            drift.push({
              resource: fn.name,
              field: 'function',
              expected: `version ${released.version} (release v${release.number})`,
              found: 'deleted',
            });
          else notChecked.push(`function ${fn.name}: not in release v${release.number}, and not live`);
          return;
        }
        compared++;
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
      const api = await detectApiDrift(config.backend.api, releasedApi, release.number, context.clients);
      drift.push(...api.drift);
      notChecked.push(...api.notChecked);
      compared += api.compared;
    }
  }
  const releasedSite = release.manifest.frontend;
  if (releasedSite && config.frontend && releasedSite.bucket !== config.frontend.bucket)
    notChecked.push(
      `the site: release v${release.number} is in s3://${releasedSite.bucket}, the configuration names s3://${config.frontend.bucket}`,
    );
  else if (releasedSite && config.frontend && context.only !== 'backend') {
    compared++;
    const live = new Map(
      (await context.siteVersions())
        .filter((version) => version.latest)
        .map((object) => [object.key, object]),
    );
    for (const object of releasedSite.objects) {
      const found = live.get(object.key);
      // A restore copies an old version: a new version id with the release's content is not drift.
      if (sameContent(object, found)) continue;
      drift.push({
        resource: `s3://${releasedSite.bucket}/${object.key}`,
        field: 'object',
        expected: `version ${object.versionId} (release v${release.number})`,
        found: found ? `version ${found.versionId}, other content` : 'deleted',
      });
    }
  }
  if (release.manifest.backend && !config.backend)
    notChecked.push(`the backend of release v${release.number}: the configuration has no backend`);
  return { release: release.number, drift, compared, notChecked };
}

export const describeDrift = (item: Drift) =>
  `${item.resource}: ${item.field} ${item.expected} → ${item.found}`;
