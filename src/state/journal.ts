import type { DeploymentRecord } from '../records/index.js';
import type { JournalAppend, StateStore } from './store.js';

/** The changes of appends, in order, each position once; a gap ends them (what follows it is unknowable). */
export function joinAppends(appends: readonly JournalAppend[]): string[] {
  const changes: string[] = [];
  for (const append of [...appends].sort((a, b) => a.from - b.from)) {
    if (append.from > changes.length) break;
    changes.push(...append.changes.slice(changes.length - append.from));
  }
  return changes;
}

/**
 * A record as it stands: one in progress has its later changes in its journal. The record and the
 * journal both hold a beginning of the same list of changes (the record as of its last write), so the
 * longer one is the list. A finished record was written with every change.
 */
export async function withJournal(
  record: DeploymentRecord | undefined,
  read: (environment: string, id: string) => Promise<string[]>,
): Promise<DeploymentRecord | undefined> {
  if (record?.status !== 'in_progress') return record;
  const journal = await read(record.environment, record.id);
  return journal.length > record.changes.length ? { ...record, changes: journal } : record;
}

/**
 * Appends a deployment's changes to its journal as they happen, instead of rewriting its record: at
 * once, or for per-file progress (`batch`) at most every `intervalMs`, with everything not yet written.
 * Appends go out one at a time, in order.
 */
export class ChangeJournal {
  private written = 0;
  private pending: string[] = [];
  private lastWrite = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Pick<StateStore, 'appendJournal'>,
    private readonly environment: string,
    private readonly id: string,
    private readonly intervalMs = 250,
  ) {}

  add(change: string, { batch = false } = {}): Promise<void> {
    this.pending.push(change);
    if (batch && Date.now() - this.lastWrite < this.intervalMs) return this.writing;
    return this.flush();
  }

  /** Writes what is pending; resolves once it (and every earlier append) is stored. */
  flush(): Promise<void> {
    this.lastWrite = Date.now();
    if (this.pending.length === 0) return this.writing;
    const append = { from: this.written, changes: this.pending };
    this.written += this.pending.length;
    this.pending = [];
    this.writing = this.writing.then(() => this.store.appendJournal(this.environment, this.id, append));
    return this.writing;
  }
}
