/**
 * The record types the dashboard reads, imported in this one file so that moving them (to `src/records/`)
 * changes one line here.
 */
export type {
  DeploymentRecord,
  DeploymentStatus,
  LockRecord,
  ReleaseRecord,
} from '../../records/index.js';
