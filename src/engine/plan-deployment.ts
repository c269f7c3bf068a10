import { resolve } from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import { apiFunctionKey } from '../config/rules.js';
import { ValidationFailedError } from '../core/errors.js';
import { apiDefinitionHash, findRestApi, type LiveStage, readStage } from '../providers/aws/api-stage.js';
import type { AwsClients } from '../providers/aws/clients.js';
import { type DistributionInfo, findDistribution } from '../providers/aws/distribution.js';
import { readLiveFunction } from '../providers/aws/functions.js';
import { type LiveSiteObject, listLiveObjects } from '../providers/aws/site-bucket.js';
import { type FunctionPackage, packageFunction } from '../providers/package/function-package.js';
import type { StateStore } from '../state/store.js';
import {
  type BackendPlan,
  type DesiredFunction,
  type LiveFunction,
  planBackend,
} from './plan/backend-plan.js';
import { type FrontendPlan, planFrontend } from './plan/frontend-plan.js';
import { type LocalFile, scanSite } from './scan/site.js';

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
  frontend?: PlannedFrontend;
  backend?: PlannedBackend;
  nothingToDo: boolean;
}

export interface PlanOptions {
  only?: 'frontend' | 'backend';
  redeployApi?: boolean;
}

/** Compares what is built with what is live. Reads AWS and the state store; changes nothing. */
export async function planDeployment(
  loaded: LoadedConfig,
  clients: AwsClients,
  store: StateStore,
  options: PlanOptions = {},
): Promise<DeploymentPlan> {
  const { config, environment, location } = loaded;
  const root = location.projectRoot;
  const plan: DeploymentPlan = { environment, nothingToDo: true };

  if (config.frontend && options.only !== 'backend') {
    const frontend = config.frontend;
    const s3 = await clients.s3();
    const [local, live, distribution, releases] = await Promise.all([
      scanSite(resolve(root, frontend.source), frontend),
      listLiveObjects(s3, frontend.bucket, frontend.prefix ? `${frontend.prefix.replace(/\/+$/, '')}/` : ''),
      findDistribution(await clients.cloudFront(), frontend.distributionId, frontend.bucket),
      store.listReleases(environment, { limit: frontend.deleteStale.afterReleases + 1 }),
    ]);
    const frontendPlan = planFrontend({
      local,
      live,
      releases: releases.map((release) => release.manifest.frontend?.objects ?? []),
      entryPoints: frontend.entryPoints,
      keepStaleReleases: frontend.deleteStale.afterReleases,
      wildcardAfter: frontend.invalidation.wildcardAfter,
      prefix: frontend.prefix,
    });
    plan.frontend = { bucket: frontend.bucket, distribution, local, live, plan: frontendPlan };
    const missingEntry = frontend.entryPoints.filter((entry) => !local.some((file) => file.path === entry));
    if (missingEntry.length > 0) {
      throw new ValidationFailedError(
        'EntryPointMissing',
        `the built site has no ${missingEntry.join(', ')}`,
        { hint: 'Run the build, or fix frontend.entryPoints.' },
      );
    }
    if (frontendPlan.uploads.length + frontendPlan.entryPoints.length + frontendPlan.deletes.length > 0)
      plan.nothingToDo = false;
  }

  if (config.backend && options.only !== 'frontend') {
    const backend = config.backend;
    const lambda = await clients.lambda();
    const packages = new Map<string, { desired: DesiredFunction; pkg: FunctionPackage }>();
    const live = new Map<string, LiveFunction>();
    for (const [key, fn] of Object.entries(backend.functions)) {
      const pkg = await packageFunction(resolve(root, fn.source));
      const desired: DesiredFunction = {
        key,
        name: fn.name,
        codeSha256: pkg.codeSha256,
        runtime: fn.runtime,
        handler: fn.handler,
        memoryMb: fn.memoryMb,
        timeoutSeconds: fn.timeoutSeconds,
        environment: Object.fromEntries(
          Object.entries(fn.environment).map(([name, value]) => [name, String(value)]),
        ),
        ...(fn.description !== undefined ? { description: fn.description } : {}),
        alias: fn.alias,
      };
      packages.set(fn.name, { desired, pkg });
      const current = await readLiveFunction(lambda, fn.name, fn.alias);
      if (current) live.set(fn.name, current);
    }
    let api: PlannedBackend['api'];
    let stageInput: Parameters<typeof planBackend>[2];
    if (backend.api && apiFunctionKey(backend)) {
      const gateway = await clients.apiGateway();
      const restApiId = await findRestApi(gateway, backend.api.id, backend.api.name);
      const liveStage = await readStage(gateway, restApiId, backend.api.stage);
      const definitionHash = await apiDefinitionHash(gateway, restApiId);
      const deployedHash = (await store.listReleases(environment, { limit: 1 }))[0]?.manifest.backend?.api
        ?.definitionHash;
      const redeploy = !liveStage
        ? 'new stage'
        : options.redeployApi
          ? 'asked'
          : deployedHash === undefined
            ? 'first deployment'
            : deployedHash !== definitionHash
              ? 'definition changed'
              : undefined;
      api = {
        restApiId,
        stage: backend.api.stage,
        ...(liveStage ? { live: liveStage } : {}),
        definitionHash,
        ...(redeploy ? { redeploy } : {}),
      };
      stageInput = {
        desired: Object.fromEntries(
          Object.entries(backend.api.stageVariables).map(([name, value]) => [name, String(value)]),
        ),
        live: liveStage?.variables ?? {},
      };
    }
    const backendPlan = planBackend(
      [...packages.values()].map((entry) => entry.desired),
      live,
      stageInput,
    );
    if (backendPlan.missing.length > 0) {
      throw new ValidationFailedError(
        'FunctionNotFound',
        `these functions do not exist: ${backendPlan.missing.join(', ')}`,
        {
          hint: 'Create them first (or, on the sandbox, start it with --bootstrap <env>).',
        },
      );
    }
    plan.backend = { packages, live, plan: backendPlan, ...(api ? { api } : {}) };
    if (backendPlan.functions.some((fn) => fn.action !== 'unchanged') || backendPlan.stage || api?.redeploy)
      plan.nothingToDo = false;
  }
  return plan;
}

/** The plan for machines (`plan --json`) and for the deployment record. */
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
            })),
            deletes: frontend.deletes,
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
