import type { Memory } from '../memory/read-memory.js';
import { signatureKey } from '../memory/signature.js';

/** What `omnix agent memory` shows: what the agent learned from, what failed how often, what recovered. */
export interface MemoryReport {
  environment?: string;
  deployments: { total: number; byOutcome: Record<string, number>; byEnvironment: Record<string, number> };
  signatures: Array<{
    signature: string;
    failure?: string;
    count: number;
    lastSeen: { deploymentId: string; environment: string; at: string };
  }>;
  recoveries: Array<{ failure: string; tried: number; recovered: number; successRate: number }>;
  skipped: Array<{ id: string; reason: string }>;
}

const count = (into: Record<string, number>, key: string) => {
  into[key] = (into[key] ?? 0) + 1;
};

/** Sums up the memory, of one environment or of all. */
export function memoryReport(memory: Memory, environment?: string): MemoryReport {
  const entries = memory.deployments.filter((entry) => !environment || entry.environment === environment);
  const byOutcome: Record<string, number> = {};
  const byEnvironment: Record<string, number> = {};
  const signatures = new Map<string, MemoryReport['signatures'][number]>();
  const recoveries = new Map<string, MemoryReport['recoveries'][number]>();
  for (const entry of entries) {
    count(byOutcome, entry.outcome);
    count(byEnvironment, entry.environment);
    for (const error of entry.errors) {
      const key = signatureKey(error.signature);
      const seen = signatures.get(key) ?? {
        signature: key,
        ...(error.failure ? { failure: error.failure } : {}),
        count: 0,
        lastSeen: { deploymentId: entry.id, environment: entry.environment, at: entry.startedAt },
      };
      seen.count++;
      // Entries are oldest first: the last one seen is the newest.
      seen.lastSeen = { deploymentId: entry.id, environment: entry.environment, at: entry.startedAt };
      signatures.set(key, seen);
    }
    for (const recovery of entry.recoveries) {
      const tried = recoveries.get(recovery.failure) ?? {
        failure: recovery.failure,
        tried: 0,
        recovered: 0,
        successRate: 0,
      };
      tried.tried++;
      if (recovery.outcome === 'recovered') tried.recovered++;
      tried.successRate = Math.round((tried.recovered / tried.tried) * 1000) / 1000;
      recoveries.set(recovery.failure, tried);
    }
  }
  return {
    ...(environment ? { environment } : {}),
    deployments: { total: entries.length, byOutcome, byEnvironment },
    signatures: [...signatures.values()].sort(
      (a, b) => b.count - a.count || (a.lastSeen.at < b.lastSeen.at ? 1 : -1),
    ),
    recoveries: [...recoveries.values()].sort((a, b) => b.tried - a.tried),
    skipped: memory.skipped,
  };
}
