import type { ConfigIssue } from '../core/errors.js';
import { closest } from '../core/suggest.js';
import { coerceText } from './coerce.js';
import { impliedFileState } from './implied-file-state.js';
import { getAt, isPlainObject, type PathSegment } from './paths.js';
import type { Override } from './provenance.js';
import type { JsonSchema } from './schema.js';
import { acceptedTypes, acceptsAnyKey, knownKeys, schemaNodesAt } from './schema-nav.js';

export const OVERRIDE_PREFIX = 'OMNIX__';

const normalize = (segment: string) => segment.toLowerCase().replace(/[_-]/g, '');

/** `memoryMb` → `MEMORY_MB`: how a key is spelled in an override variable. */
export function toVariableSegment(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export interface OverrideResult {
  overrides: Override[];
  issues: ConfigIssue[];
}

/**
 * Reads `OMNIX__FRONTEND__BUCKET=x` style variables: each `__` is one level, segments match keys
 * case-insensitively ignoring `_` and `-`, numeric segments index lists, and the value is coerced to
 * the type the schema expects at that path. An unknown path is an error, never silently ignored.
 */
export function readOverrides(
  env: Readonly<Record<string, string | undefined>>,
  merged: Record<string, unknown>,
  schema: JsonSchema,
): OverrideResult {
  const overrides: Override[] = [];
  const issues: ConfigIssue[] = [];
  const fileState = impliedFileState(env, merged);
  if (fileState) overrides.push(fileState);
  const names = Object.keys(env)
    .filter((name) => name.startsWith(OVERRIDE_PREFIX) && name !== fileState?.variable)
    .sort();
  for (const variable of names) {
    const issue = (message: string, hint?: string): ConfigIssue => ({
      source: `environment variable ${variable}`,
      path: '',
      message,
      ...(hint ? { hint } : {}),
    });
    const segments = variable.slice(OVERRIDE_PREFIX.length).split('__');
    if (segments.some((segment) => segment === '')) {
      issues.push(
        issue(
          'an empty path segment (a double underscore too many, or none after OMNIX__)',
          'Write it as OMNIX__SECTION__KEY, e.g. OMNIX__FRONTEND__BUCKET.',
        ),
      );
      continue;
    }
    const mapped = mapSegments(segments, merged, schema);
    if ('error' in mapped) {
      issues.push(issue(mapped.error, mapped.hint));
      continue;
    }
    const types = acceptedTypes(schemaNodesAt(schema, mapped.path, merged));
    const coerced = coerceText(env[variable] ?? '', types);
    if (!coerced.ok) {
      issues.push(
        issue(
          `expected ${coerced.expected}, found ${JSON.stringify(env[variable])}`,
          `Set ${variable} to ${coerced.expected}.`,
        ),
      );
      continue;
    }
    overrides.push({ variable, path: mapped.path, value: coerced.value });
  }
  // Shallower paths first, so `OMNIX__FRONTEND__BUCKET` still wins over a whole `OMNIX__FRONTEND`.
  overrides.sort((a, b) => a.path.length - b.path.length);
  return { overrides, issues };
}

function mapSegments(
  segments: string[],
  merged: Record<string, unknown>,
  schema: JsonSchema,
): { path: PathSegment[] } | { error: string; hint?: string } {
  const path: PathSegment[] = [];
  for (const segment of segments) {
    const nodes = schemaNodesAt(schema, path, merged);
    const here = getAt(merged, path);
    if (/^\d+$/.test(segment) && nodes.some((node) => node.type === 'array')) {
      const index = Number(segment);
      const length = Array.isArray(here) ? here.length : 0;
      if (index >= length) {
        return {
          error: `index ${index} is past the end of the list (it has ${length} item${length === 1 ? '' : 's'})`,
        };
      }
      path.push(index);
      continue;
    }
    const keys = knownKeys(nodes);
    const fixed = keys.find((key) => normalize(key) === normalize(segment));
    if (fixed) {
      path.push(fixed);
      continue;
    }
    if (acceptsAnyKey(nodes)) {
      const existing = isPlainObject(here)
        ? Object.keys(here).find((key) => normalize(key) === normalize(segment))
        : undefined;
      path.push(existing ?? segment);
      continue;
    }
    const where = path.length === 0 ? 'at the top level' : `under ${path.join('.')}`;
    const suggestion = closest(segment.replace(/_/g, ''), keys);
    return {
      error: `unknown configuration key '${segment}' ${where}`,
      hint: suggestion
        ? `Did you mean ${OVERRIDE_PREFIX}${[...path.map((p) => toVariableSegment(String(p))), toVariableSegment(suggestion)].join('__')}?`
        : keys.length > 0
          ? `Known keys ${where}: ${keys.join(', ')}.`
          : undefined,
    };
  }
  return { path };
}
