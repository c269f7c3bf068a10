/**
 * One document of the agent's memory, shared by every environment of a project. Its shape belongs to
 * the agent (`src/agent/memory/record.ts`), which versions it; a store keeps it whole under its `id`.
 */
export interface MemoryDocument {
  id: string;
  schemaVersion: number;
  [field: string]: unknown;
}

/** A memory document read back, unvalidated; or why it could not be read (its content is not JSON, say). */
export type MemoryRead =
  | { id: string; ok: true; document: unknown }
  | { id: string; ok: false; reason: string };
