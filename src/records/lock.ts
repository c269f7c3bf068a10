import type { DeploymentRecord } from './deployment.js';

/** Who holds an environment's lock, since when, and until when it counts without renewal. */
export interface LockRecord {
  environment: string;
  holder: DeploymentRecord['caller'] & { deploymentId?: string };
  acquiredAt: string;
  expiresAt: string;
  /** Changes on every renewal; a takeover or release must name the token it saw. */
  token: string;
}

export type LockAttempt = { acquired: true; lock: LockRecord } | { acquired: false; holder: LockRecord };
