import { environmentOfWord, words } from './environments.js';
import { FINDING_KINDS, type Finding, type FindingKind, type Location } from './types.js';

/** One setting that scripts give different values for in the same environment. */
export interface Conflict {
  kind: FindingKind;
  role: string;
  /** Null: values that name no environment (they would apply to all). */
  environment: string | null;
  values: Array<{ value: string; locations: Location[] }>;
}

/** Kinds where one environment has one value (per role); ARNs name many different things. */
const SINGLE: ReadonlySet<FindingKind> = new Set(FINDING_KINDS.filter((kind) => kind !== 'arn'));

/** A function's name without its environment words: `shop-api-prod` and `shop-api-production` are one function. */
export function functionKey(name: string): string {
  const base = name.replace(/^arn:[^:]*:lambda:[^:]*:[^:]*:function:/, '');
  return words(base)
    .filter((word) => !environmentOfWord(word))
    .join('-');
}

/** The role a finding's value plays, for comparing values across scripts. */
export function conflictRole(finding: Finding): string | undefined {
  if (!SINGLE.has(finding.kind) || finding.role === 'global' || finding.role === 'data') return undefined;
  if (finding.kind === 'function-name' || finding.kind === 'function-arn')
    return `function:${functionKey(finding.value)}`;
  return finding.role;
}

/**
 * Settings with more than one value in one environment: two production buckets, two API ids for
 * staging. Each conflict lists every place each value is written or used.
 */
export function findConflicts(findings: readonly Finding[]): Conflict[] {
  const groups = new Map<string, { sample: Finding; role: string; byValue: Map<string, Location[]> }>();
  for (const finding of findings) {
    const role = conflictRole(finding);
    if (role === undefined) continue;
    const kind = finding.kind === 'function-arn' ? 'function-name' : finding.kind;
    const value =
      finding.kind === 'function-arn' ? finding.value.replace(/^.*:function:/, '') : finding.value;
    const key = `${kind}|${role}|${finding.environment?.name ?? ''}`;
    const group = groups.get(key) ?? { sample: { ...finding, kind }, role, byValue: new Map() };
    groups.set(key, group);
    const locations = group.byValue.get(value) ?? [];
    locations.push({ file: finding.file, line: finding.line }, ...finding.uses);
    group.byValue.set(value, locations);
  }
  const conflicts: Conflict[] = [];
  for (const { sample, role, byValue } of groups.values()) {
    if (byValue.size < 2) continue;
    conflicts.push({
      kind: sample.kind,
      role,
      environment: sample.environment?.name ?? null,
      values: [...byValue.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([value, locations]) => ({ value, locations: dedupe(locations) })),
    });
  }
  return conflicts.sort(
    (a, b) =>
      (a.environment ?? '').localeCompare(b.environment ?? '') ||
      a.kind.localeCompare(b.kind) ||
      a.role.localeCompare(b.role),
  );
}

function dedupe(locations: Location[]): Location[] {
  const seen = new Set<string>();
  return locations
    .filter((location) => {
      const key = `${location.file}:${location.line}`;
      return !seen.has(key) && seen.add(key) !== undefined;
    })
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
