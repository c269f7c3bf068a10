import { type LeafDifference, leafDifferences } from '../../config/paths.js';
import type { DeploymentRecord, DeploymentStatus } from '../../records/index.js';
import { durationOf } from './environment-status.js';

interface Side {
  id: string;
  environment: string;
  status: DeploymentStatus;
  release: number | null;
  startedAt: string;
  by: string;
}

export interface DeploymentComparison {
  a: Side;
  b: Side;
  /** Differences of the resolved configurations (secrets compare as `***`); null when a record predates them. */
  config: LeafDifference[] | null;
  configDigestsEqual: boolean;
  artifacts: {
    files: { added: string[]; removed: string[]; changed: string[]; unchanged: number };
    functions: Array<{ name: string; a: string | null; b: string | null }>;
    apiDefinition: { a: string | null; b: string | null } | null;
  };
  timing: {
    total: { a: number | null; b: number | null; deltaMs: number | null };
    phases: Array<{ name: string; a: number | null; b: number | null; deltaMs: number | null }>;
  };
}

const side = (record: DeploymentRecord): Side => ({
  id: record.id,
  environment: record.environment,
  status: record.status,
  release: record.release ?? null,
  startedAt: record.startedAt,
  by: record.caller.user,
});

const delta = (a: number | null, b: number | null) => (a !== null && b !== null ? b - a : null);

/** What changed from deployment `a` to deployment `b`: configuration, artifacts, and where the time went. */
export function compareDeployments(a: DeploymentRecord, b: DeploymentRecord): DeploymentComparison {
  const filesA = a.artifacts?.files ?? {};
  const filesB = b.artifacts?.files ?? {};
  const files = { added: [] as string[], removed: [] as string[], changed: [] as string[], unchanged: 0 };
  for (const key of new Set([...Object.keys(filesA), ...Object.keys(filesB)])) {
    if (!(key in filesA)) files.added.push(key);
    else if (!(key in filesB)) files.removed.push(key);
    else if (filesA[key] !== filesB[key]) files.changed.push(key);
    else files.unchanged++;
  }
  for (const list of [files.added, files.removed, files.changed]) list.sort();

  const functionsA = a.artifacts?.functions ?? {};
  const functionsB = b.artifacts?.functions ?? {};
  const functions = [...new Set([...Object.keys(functionsA), ...Object.keys(functionsB)])]
    .sort()
    .filter((name) => functionsA[name] !== functionsB[name])
    .map((name) => ({ name, a: functionsA[name] ?? null, b: functionsB[name] ?? null }));

  const apiA = a.artifacts?.apiDefinition ?? null;
  const apiB = b.artifacts?.apiDefinition ?? null;

  const phaseNames = [...new Set([...a.phases.map((p) => p.name), ...b.phases.map((p) => p.name)])];
  const took = (record: DeploymentRecord, name: string) =>
    record.phases.find((p) => p.name === name)?.durationMs ?? null;
  const [totalA, totalB] = [durationOf(a), durationOf(b)];

  return {
    a: side(a),
    b: side(b),
    config: a.config !== undefined && b.config !== undefined ? leafDifferences(a.config, b.config) : null,
    configDigestsEqual: a.configDigest === b.configDigest,
    artifacts: {
      files,
      functions,
      apiDefinition: apiA === apiB ? null : { a: apiA, b: apiB },
    },
    timing: {
      total: { a: totalA, b: totalB, deltaMs: delta(totalA, totalB) },
      phases: phaseNames.map((name) => {
        const [x, y] = [took(a, name), took(b, name)];
        return { name, a: x, b: y, deltaMs: delta(x, y) };
      }),
    },
  };
}
