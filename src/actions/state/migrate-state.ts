import { isDeepStrictEqual } from 'node:util';
import { OmnixError } from '../../core/errors.js';
import { emit, type Report } from '../../core/events.js';
import { describeHolder } from '../../engine/change/lock.js';
import type { MemoryDocument, MemoryRead } from '../../records/index.js';
import { isStale } from '../../state/lease.js';
import type { StateStore } from '../../state/store.js';

export interface MigrationResult {
  environment: string;
  deployments: { total: number; copied: number; alreadyThere: number };
  releases: { total: number; copied: number; alreadyThere: number };
  /** The agent's memory of the environment (shared memory is migrated environment by environment). */
  memory: { total: number; copied: number; alreadyThere: number; unreadable: number };
  approvals: { total: number; copied: number; alreadyThere: number };
  /** Every source record was read back from the target and found equal. */
  verified: boolean;
}

/**
 * Copies one environment's deployments, releases, approval records and agent memory from `source` to `target`, then reads every one back
 * and compares. Safe to rerun: records already there and equal are left alone; a release number the
 * target already holds with other content is a conflict (releases are never overwritten).
 */
export async function migrateEnvironment(
  source: StateStore,
  target: StateStore,
  environment: string,
  report: Report,
): Promise<MigrationResult> {
  const lock = await source.readLock(environment);
  if (lock && !isStale(lock))
    throw new OmnixError(
      'MigrationWhileLocked',
      `${environment} is locked in ${source.location} by ${describeHolder(lock)}`,
      {
        hint: 'Migrate when no deployment of it is running.',
      },
    );

  const all = { limit: Number.POSITIVE_INFINITY };
  const [deployments, releases, approvals, targetDeployments, targetReleases, targetApprovals] =
    await Promise.all([
      source.listDeployments(environment, all),
      source.listReleases(environment, all),
      source.listApprovals(environment, all),
      target.listDeployments(environment, all),
      target.listReleases(environment, all),
      target.listApprovals(environment, all),
    ]);
  const there = new Map(targetDeployments.map((record) => [record.id, record]));
  const result: MigrationResult = {
    environment,
    deployments: { total: deployments.length, copied: 0, alreadyThere: 0 },
    releases: { total: releases.length, copied: 0, alreadyThere: 0 },
    memory: { total: 0, copied: 0, alreadyThere: 0, unreadable: 0 },
    approvals: { total: approvals.length, copied: 0, alreadyThere: 0 },
    verified: false,
  };
  const approvalsThere = new Map(targetApprovals.map((record) => [record.id, record]));
  for (const record of approvals) {
    if (isDeepStrictEqual(approvalsThere.get(record.id), record)) result.approvals.alreadyThere++;
    else {
      await target.putApproval(record);
      result.approvals.copied++;
    }
  }
  for (const record of deployments) {
    if (isDeepStrictEqual(there.get(record.id), record)) result.deployments.alreadyThere++;
    else {
      await target.putDeployment(record);
      result.deployments.copied++;
    }
    // A deployment left in progress keeps its journal: recovery reads it from the target as from the source.
    const journal = record.status === 'in_progress' ? await source.readJournal(environment, record.id) : [];
    if (journal.length > 0) await target.appendJournal(environment, record.id, { from: 0, changes: journal });
  }
  const releasesThere = new Map(targetReleases.map((record) => [record.number, record]));
  for (const record of releases) {
    const existing = releasesThere.get(record.number);
    if (isDeepStrictEqual(existing, record)) result.releases.alreadyThere++;
    else if (existing !== undefined)
      throw new OmnixError(
        'MigrationConflict',
        `release v${record.number} of ${environment} already exists in ${target.location} with other content`,
        {
          hint: 'The target has its own history for this environment; migrate into an empty store or prefix.',
        },
      );
    else {
      await target.putRelease(record);
      result.releases.copied++;
    }
  }
  const memory = await migrateMemory(source, target, environment, report);
  result.memory = memory.counts;
  emit(
    report,
    'info',
    'migrate',
    `${environment}: copied ${result.deployments.copied} deployment(s), ${result.releases.copied} release(s), ${result.approvals.copied} approval record(s) and ${result.memory.copied} memory document(s)`,
  );

  const [copiedDeployments, copiedReleases, copiedApprovals] = await Promise.all([
    target.listDeployments(environment, all),
    target.listReleases(environment, all),
    target.listApprovals(environment, all),
  ]);
  const approvalsBack = new Map(copiedApprovals.map((record) => [record.id, record]));
  const readBack = new Map(copiedDeployments.map((record) => [record.id, record]));
  const releasesBack = new Map(copiedReleases.map((record) => [record.number, record]));
  const missing = [
    ...deployments.filter((record) => !isDeepStrictEqual(readBack.get(record.id), record)).map((r) => r.id),
    ...releases
      .filter((record) => !isDeepStrictEqual(releasesBack.get(record.number), record))
      .map((r) => `v${r.number}`),
    ...(await memory.missing()),
    ...approvals
      .filter((record) => !isDeepStrictEqual(approvalsBack.get(record.id), record))
      .map((r) => r.id),
  ];
  if (missing.length > 0)
    throw new OmnixError(
      'MigrationNotVerified',
      `${missing.length} record(s) of ${environment} read back from ${target.location} differ or are missing: ${missing.slice(0, 5).join(', ')}`,
      { hint: 'Run the migration again; it copies only what is not there yet.' },
    );
  result.verified = true;
  return result;
}

/** The environment's documents of the agent memory, read raw: the store does not know their shape. */
function memoryOf(reads: MemoryRead[], environment: string) {
  return reads.flatMap((read) =>
    read.ok && (read.document as { environment?: unknown } | null)?.environment === environment
      ? [read.document as MemoryDocument]
      : [],
  );
}

/** Copies the environment's memory documents; one that cannot be read is left behind with a warning. */
async function migrateMemory(source: StateStore, target: StateStore, environment: string, report: Report) {
  const [reads, targetReads] = await Promise.all([source.listMemory(), target.listMemory()]);
  const documents = memoryOf(reads, environment);
  const there = new Map(memoryOf(targetReads, environment).map((document) => [document.id, document]));
  const counts = { total: documents.length, copied: 0, alreadyThere: 0, unreadable: 0 };
  for (const read of reads)
    if (!read.ok) {
      counts.unreadable++;
      emit(
        report,
        'warn',
        'migrate',
        `memory document ${read.id} cannot be read and is not copied: ${read.reason}`,
      );
    }
  for (const document of documents) {
    if (isDeepStrictEqual(there.get(document.id), document)) counts.alreadyThere++;
    else {
      await target.putMemory(document);
      counts.copied++;
    }
  }
  const missing = async () => {
    const back = new Map(memoryOf(await target.listMemory(), environment).map((d) => [d.id, d]));
    return documents
      .filter((document) => !isDeepStrictEqual(back.get(document.id), document))
      .map((d) => d.id);
  };
  return { counts, missing };
}

/** Copies every workflow run (they belong to no environment) and reads them back; safe to rerun. */
export async function migrateWorkflowRuns(
  source: StateStore,
  target: StateStore,
): Promise<{ total: number; copied: number; alreadyThere: number; verified: boolean }> {
  const all = { limit: Number.POSITIVE_INFINITY };
  const [runs, there] = await Promise.all([source.listWorkflowRuns(all), target.listWorkflowRuns(all)]);
  const existing = new Map(there.map((run) => [run.id, run]));
  let copied = 0;
  for (const run of runs) {
    if (isDeepStrictEqual(existing.get(run.id), run)) continue;
    await target.putWorkflowRun(run);
    copied++;
  }
  const readBack = new Map((await target.listWorkflowRuns(all)).map((run) => [run.id, run]));
  const missing = runs.filter((run) => !isDeepStrictEqual(readBack.get(run.id), run)).map((run) => run.id);
  if (missing.length > 0)
    throw new OmnixError(
      'MigrationNotVerified',
      `${missing.length} workflow run(s) read back from ${target.location} differ or are missing: ${missing.slice(0, 5).join(', ')}`,
      { hint: 'Run the migration again; it copies only what is not there yet.' },
    );
  return { total: runs.length, copied, alreadyThere: runs.length - copied, verified: true };
}
