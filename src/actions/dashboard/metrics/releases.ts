import type { DeploymentRecord, ReleaseRecord } from '../records.js';

/** A release as the page lists it: when, who made it live, and what it was. */
export interface ReleaseEntry {
  number: number;
  createdAt: string;
  deploymentId: string;
  /** Who ran the deployment that made it; null when that record is not there any more. */
  by: string | null;
  /** The commit it was built from, when the deployment recorded one. */
  commit: string | null;
  /** What it was: a rollback to an earlier release, a promotion, or a deployment of changes. */
  what: { kind: 'deploy'; changes: number } | { kind: 'rollback'; to: number } | PromotionWhat;
  /** What the release holds: site files and functions at their versions. */
  files: number;
  functions: Array<{ name: string; version: string }>;
}

interface PromotionWhat {
  kind: 'promotion';
  from: { environment: string; release: number };
  changes: number;
}

function whatOf(made: DeploymentRecord | undefined): ReleaseEntry['what'] {
  if (made?.rollbackTo !== undefined) return { kind: 'rollback', to: made.rollbackTo };
  const changes = made?.changes.length ?? 0;
  if (made?.promotedFrom)
    return {
      kind: 'promotion',
      from: { environment: made.promotedFrom.environment, release: made.promotedFrom.release },
      changes,
    };
  return { kind: 'deploy', changes };
}

/** Releases newest first, each with the deployment that made it (`deployments`: any order). */
export function releaseEntries(
  releases: readonly ReleaseRecord[],
  deployments: readonly DeploymentRecord[],
): ReleaseEntry[] {
  const byId = new Map(deployments.map((record) => [record.id, record]));
  return [...releases]
    .sort((a, b) => b.number - a.number)
    .map((release) => {
      const made = byId.get(release.deploymentId);
      return {
        number: release.number,
        createdAt: release.createdAt,
        deploymentId: release.deploymentId,
        by: made?.caller.user ?? null,
        commit: made?.caller.ci?.commit ?? null,
        what: whatOf(made),
        files: release.manifest.frontend?.objects.length ?? 0,
        functions: (release.manifest.backend?.functions ?? []).map(({ name, version }) => ({
          name,
          version,
        })),
      };
    });
}
