import { findingsOf } from '../../src/actions/migrate/findings.js';
import type { EnvironmentGuess, Fact } from '../../src/actions/migrate/types.js';

/** Findings of facts as `kind value @environment` lines, for compact assertions in tests. */
export function summarize(facts: Fact[], fileEnv?: EnvironmentGuess): string[] {
  return findingsOf('file', { facts, ...(fileEnv ? { fileEnv } : {}) }).findings.map(
    (finding) => `${finding.kind} ${finding.value} @${finding.environment?.name ?? '-'}`,
  );
}
