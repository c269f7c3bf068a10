import type { LoadedConfig } from '../config/load.js';
import type { LiveStage } from '../providers/aws/api-stage.js';
import type { AwsClients } from '../providers/aws/clients.js';
import type { DistributionInfo } from '../providers/aws/distribution.js';
import type { LiveSiteObject } from '../providers/aws/site-bucket.js';
import type { FunctionPackage } from '../providers/package/function-package.js';
import type { ReleaseRecord } from '../state/records.js';
import type { StateStore } from '../state/store.js';
import { backendComponent } from './components/backend.js';
import { frontendComponent } from './components/frontend.js';
import { type SiteListing, siteListing } from './live/site-listing.js';
import { type LocalArtifacts, localArtifacts } from './local-artifacts.js';
import type { BackendPlan, DesiredFunction, LiveFunction } from './plan/backend-plan.js';
import type { FrontendPlan } from './plan/frontend-plan.js';
import type { LocalFile } from './scan/site.js';

export interface PlannedFrontend {
  bucket: string;
  distribution: DistributionInfo;
  local: LocalFile[];
  live: LiveSiteObject[];
  plan: FrontendPlan;
}

export interface PlannedBackend {
  packages: Map<string, { desired: DesiredFunction; pkg: FunctionPackage }>;
  live: Map<string, LiveFunction>;
  plan: BackendPlan;
  /** `redeploy`: why the stage gets a new deployment, if it does. */
  api?: {
    restApiId: string;
    stage: string;
    live?: LiveStage;
    definitionHash: string;
    redeploy?: 'new stage' | 'first deployment' | 'definition changed' | 'asked';
  };
}

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

/**
 * The plan as a deployment record keeps it: without the list of files to upload, which its changes
 * name one by one and its artifacts hash, so a record lists each file of the site once.
 */
export function recordedPlan(summary: Record<string, unknown>): Record<string, unknown> {
  const frontend = summary.frontend as Record<string, unknown> | undefined;
  if (!frontend) return summary;
  const { files: _listedInChanges, ...rest } = frontend;
  return { ...summary, frontend: rest };
}

/** The plan for machines (`plan --json`) and for the deployment record (see `recordedPlan`). */
export function planSummary(plan: DeploymentPlan): Record<string, unknown> {
  const frontend = plan.frontend?.plan;
  return {
    environment: plan.environment,
    nothingToDo: plan.nothingToDo,
    ...(frontend
      ? {
          frontend: {
            bucket: plan.frontend!.bucket,
            distributionId: plan.frontend!.distribution.id,
            upload: frontend.uploads.length + frontend.entryPoints.length,
            delete: frontend.deletes.length,
            unchanged: frontend.unchanged,
            keptStale: frontend.keptStale.length,
            uploadBytes: frontend.uploadBytes,
            drift: frontend.drift,
            files: [...frontend.uploads, ...frontend.entryPoints].map(({ file, reason }) => ({
              key: file.key,
              reason,
              size: file.size,
              ...(file.cacheControl ? { cacheControl: file.cacheControl } : {}),
              ...(file.cacheControlByDefault ? { cacheControlByDefault: true } : {}),
            })),
            deletes: frontend.deletes,
            ...(frontend.immutableChanged.length > 0 ? { immutableChanged: frontend.immutableChanged } : {}),
          },
          invalidationPaths: frontend.invalidation.paths,
          invalidationCostUsd: frontend.invalidation.estimatedCostUsd,
        }
      : {}),
    ...(plan.backend
      ? {
          backend: {
            functions: plan.backend.plan.functions.map((fn) => ({
              name: fn.name,
              action: fn.action,
              changedFields: fn.changedFields,
            })),
            ...(plan.backend.plan.stage ? { stageVariables: plan.backend.plan.stage } : {}),
            ...(plan.backend.api
              ? {
                  api: {
                    restApiId: plan.backend.api.restApiId,
                    stage: plan.backend.api.stage,
                    redeploy: plan.backend.api.redeploy,
                  },
                }
              : {}),
          },
        }
      : {}),
  };
}
