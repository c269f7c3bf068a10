import type { LoadedConfig } from '../../config/load.js';
import type { Report } from '../../core/events.js';
import type { Recoveries } from '../../providers/aws/recoveries.js';
import type { DeploymentRecord, LockRecord } from '../../records/index.js';

/** The recoveries of one change: what the providers use, plus what the change itself tells them. */
export interface ChangeRecoveries extends Recoveries {
  /** The change's record exists: what was recovered so far, and all that follows, goes into it. */
  attach(record: DeploymentRecord): void;
  /** A lock whose holder is provably gone, taken over. */
  lockTakenOver(stale: LockRecord, reason: string): void;
}

/**
 * Makes a change's recoveries once its configuration is loaded (the CLI passes the agent's); undefined
 * when they are off for that configuration.
 */
export type RecoveriesFactory = (
  loaded: LoadedConfig,
  report: Report,
  /** The phase running now. */
  phase: () => string,
) => ChangeRecoveries | undefined;
