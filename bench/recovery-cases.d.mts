import type { FaultRule } from '../src/sandbox/faults.js';

export interface RecoveryCase {
  failure: string;
  step: string;
  rules: FaultRule[];
  flags?: string[];
  artifactBucket?: boolean;
  staleLock?: boolean;
}
export const ARTIFACT_BUCKET: string;
export const DEAD_PID: number;
export const RECOVERY_CASES: RecoveryCase[];
export function changedConfiguration(index: number, artifactBucket?: boolean): Record<string, string>;
