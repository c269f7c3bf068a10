import type { OmnixConfig } from '../../config/schema.js';
import type { DeploymentRecord } from '../../records/index.js';

/** One recommendation: what the numbers show and the configuration change that answers it. */
export interface Advice {
  id: string;
  environment: string;
  title: string;
  /** The numbers from the history or the configuration behind it. */
  evidence: string[];
  /** What to change, in configuration terms. */
  change: string;
}

/** What an advice rule looks at: one environment's configuration and its recorded deployments, newest first. */
export interface AdviceInput {
  environment: string;
  config: OmnixConfig;
  projectRoot: string;
  records: readonly DeploymentRecord[];
  now: Date;
}

export type AdviceRule = (input: AdviceInput) => Advice[] | Promise<Advice[]>;

/** Deployments that ran their phases to an end (not manual rollbacks). */
export const finishedDeployments = (records: readonly DeploymentRecord[]) =>
  records.filter(
    (record) =>
      record.rollbackTo === undefined &&
      (record.status === 'succeeded' || record.status === 'failed' || record.status === 'rolled_back'),
  );

export const percent = (part: number, whole: number) =>
  `${whole === 0 ? 0 : Math.round((100 * part) / whole)}%`;
