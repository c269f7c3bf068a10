import type { StateStore } from '../../state/store.js';
import {
  type DeploymentMemory,
  type LearnedMarker,
  MEMORY_SCHEMA_VERSION,
  memoryDocumentSchema,
} from './record.js';

/** Everything the agent remembers, and what it had to skip. */
export interface Memory {
  /** Oldest first. */
  deployments: DeploymentMemory[];
  markers: Map<string, LearnedMarker>;
  /** Documents that could not be read or are not memory this omnix understands: warned about, skipped. */
  skipped: Array<{ id: string; reason: string }>;
}

/** Reads the memory; a corrupt or unknown document is skipped with its reason, never an error. */
export async function readMemory(store: StateStore): Promise<Memory> {
  const memory: Memory = { deployments: [], markers: new Map(), skipped: [] };
  for (const read of await store.listMemory()) {
    if (!read.ok) {
      memory.skipped.push({ id: read.id, reason: read.reason });
      continue;
    }
    const version = (read.document as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version === 'number' && version > MEMORY_SCHEMA_VERSION) {
      memory.skipped.push({ id: read.id, reason: `written by a newer omnix (schema version ${version})` });
      continue;
    }
    const parsed = memoryDocumentSchema.safeParse(read.document);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      memory.skipped.push({
        id: read.id,
        reason:
          `not a memory document: ${issue?.path.join('.') || 'document'} ${issue?.message ?? ''}`.trim(),
      });
      continue;
    }
    if (parsed.data.kind === 'learned') memory.markers.set(parsed.data.environment, parsed.data);
    else memory.deployments.push(parsed.data);
  }
  memory.deployments.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return memory;
}

/** The warning a skipped document gets. */
export const skippedWarning = ({ id, reason }: { id: string; reason: string }) =>
  `agent memory document ${id} was skipped: ${reason}`;
