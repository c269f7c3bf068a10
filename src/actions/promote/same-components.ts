import type { LoadedConfig } from '../../config/load.js';
import { formatPath, type PathSegment } from '../../config/paths.js';
import type { ConfigIssue } from '../../core/errors.js';

/** The parts a release is made of: the site, and each function by its key. */
function components(loaded: LoadedConfig): Map<string, PathSegment[]> {
  const parts = new Map<string, PathSegment[]>();
  if (loaded.config.frontend) parts.set('the frontend', ['frontend']);
  for (const key of Object.keys(loaded.config.backend?.functions ?? {}))
    parts.set(`function ${key}`, ['backend', 'functions', key]);
  if (loaded.config.backend?.api) parts.set('the API', ['backend', 'api']);
  return parts;
}

/**
 * Promotion deploys the source's artifacts into the target's shape, so both must have the same parts:
 * each one present on one side only is an issue, located where that side configures it (or, given
 * `at`, where the promotion is asked for, such as a workflow step).
 */
export function componentDifferences(
  from: LoadedConfig,
  to: LoadedConfig,
  at?: Pick<ConfigIssue, 'source' | 'line' | 'column' | 'path'>,
): ConfigIssue[] {
  const [source, target] = [components(from), components(to)];
  const issues: ConfigIssue[] = [];
  const differ = (name: string, has: LoadedConfig, lacks: LoadedConfig, path: PathSegment[]) =>
    issues.push({
      ...(at ?? { ...has.provenance.locate(path), path: formatPath(path) }),
      message: `${from.environment} and ${to.environment} have different components: ${has.environment} has ${name}, ${lacks.environment} does not`,
      hint: 'Promotion deploys the same artifacts: give both environments the same frontend, functions and API.',
    });
  for (const [name, path] of source) if (!target.has(name)) differ(name, from, to, path);
  for (const [name, path] of target) if (!source.has(name)) differ(name, to, from, path);
  return issues;
}
