import type { SiteListing } from '../../artifacts/live/site-listing.js';
import type { LocalArtifacts } from '../../artifacts/local/local-artifacts.js';
import type { LoadedConfig } from '../../config/load.js';
import type { Report } from '../../core/events.js';
import type { AwsClients } from '../../providers/aws/clients.js';
import type { ReleaseManifest, ReleaseRecord } from '../../records/index.js';
import type { StateStore } from '../../state/store.js';

export interface ComponentContext {
  loaded: LoadedConfig;
  clients: AwsClients;
  store: StateStore;
  /** The environment's releases, newest first, as many as the stale-file policy looks back (read once). */
  releases: readonly ReleaseRecord[];
  /** What is built: the site's files and the functions' packages. */
  artifacts: LocalArtifacts;
  /** What is live in the site bucket, listed once for the command. */
  listing: SiteListing;
  redeployApi?: boolean;
}

/** A function whose alias a canary rollout moves from `fromVersion` to `toVersion` in steps. */
export interface CanaryTarget {
  key: string;
  name: string;
  alias: string;
  fromVersion: string;
  toVersion: string;
}

export interface ApplyContext extends ComponentContext {
  report: Report;
  /**
   * Canary rollout: the share (percent) of traffic a newly published version gets at first; each
   * function moved that way is added to `canaries`. Unset: aliases move whole.
   */
  canary?: { firstWeight: number; canaries: CanaryTarget[] };
  /** Tells the deployment record what was just changed (`batch` for per-file progress). */
  changed(change: string, options?: { batch?: boolean }): Promise<void>;
}

/**
 * A deployable part of an environment (the site, the functions and their API). Each plans against
 * what is live, says whether its plan changes anything, describes what is live as a manifest (the
 * snapshot a failed deployment returns to), and applies its plan. Restoring a manifest comes with
 * rollback.
 */
export interface Component<Planned, Part extends keyof ReleaseManifest> {
  readonly name: Part;
  /** Undefined when the configuration has no such part. */
  plan(context: ComponentContext): Promise<Planned | undefined>;
  changes(planned: Planned): boolean;
  describeLive(planned: Planned): NonNullable<ReleaseManifest[Part]>;
  apply(planned: Planned, context: ApplyContext): Promise<NonNullable<ReleaseManifest[Part]>>;
}
