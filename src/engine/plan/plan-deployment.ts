import { type SiteListing, siteListing } from '../../artifacts/live/site-listing.js';
import { type LocalArtifacts, localArtifacts } from '../../artifacts/local/local-artifacts.js';
import type { LoadedConfig } from '../../config/load.js';
import type { AwsClients } from '../../providers/aws/clients.js';
import type { ReleaseRecord } from '../../records/index.js';
import type { StateStore } from '../../state/store.js';

export type { PlannedBackend, PlannedFrontend };

import { backendComponent } from '../components/backend/component.js';
import type { PlannedBackend } from '../components/backend/planned.js';
import { frontendComponent } from '../components/frontend/component.js';
import type { PlannedFrontend } from '../components/frontend/planned.js';

export interface DeploymentPlan {
  environment: string;
  /** Releases read for the plan, newest first. */
  releases: ReleaseRecord[];
  frontend?: PlannedFrontend;
  backend?: PlannedBackend;
  nothingToDo: boolean;
}

export interface PlanOptions {
  only?: 'frontend' | 'backend';
  /** What is built, when the caller has read it already (a deployment's validation). */
  artifacts?: LocalArtifacts;
  /** The site bucket's listing, when the caller has read it already (a deployment's validation). */
  listing?: SiteListing;
  redeployApi?: boolean;
}

/** Compares what is built with what is live. Reads AWS and the state store; changes nothing. */
export async function planDeployment(
  loaded: LoadedConfig,
  clients: AwsClients,
  store: StateStore,
  options: PlanOptions = {},
): Promise<DeploymentPlan> {
  const plan: DeploymentPlan = { environment: loaded.environment, releases: [], nothingToDo: true };

  const lookBack = (loaded.config.frontend?.deleteStale.afterReleases ?? 0) + 1;
  plan.releases = await store.listReleases(loaded.environment, { limit: lookBack });
  const context = {
    loaded,
    clients,
    store,
    releases: plan.releases,
    artifacts: options.artifacts ?? localArtifacts(loaded),
    listing: options.listing ?? siteListing(clients, loaded.config.frontend?.prefix ?? ''),
    ...(options.redeployApi ? { redeployApi: true } : {}),
  };
  if (options.only !== 'backend') {
    const frontend = await frontendComponent.plan(context);
    if (frontend) {
      plan.frontend = frontend;
      if (frontendComponent.changes(frontend)) plan.nothingToDo = false;
    }
  }
  if (options.only !== 'frontend') {
    const backend = await backendComponent.plan(context);
    if (backend) {
      plan.backend = backend;
      if (backendComponent.changes(backend)) plan.nothingToDo = false;
    }
  }
  return plan;
}
