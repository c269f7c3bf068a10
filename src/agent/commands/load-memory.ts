import type { StateStore } from '../../state/store.js';
import { learnFromHistory } from '../memory/backfill.js';
import { type Memory, readMemory } from '../memory/read-memory.js';

/** The memory of a store, having first learned whatever history of `environments` it lacks (when `learn`). */
export async function loadMemory(
  store: StateStore,
  environments: readonly string[],
  { learn }: { learn: boolean },
): Promise<Memory> {
  const memory = await readMemory(store);
  if (learn) await learnFromHistory(store, environments, memory);
  return memory;
}
