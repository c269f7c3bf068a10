import type { BackendPlanSummary, DeploymentRecord, PlanSummary } from '../../records/index.js';
import type { PlannedApi } from '../components/backend/planned.js';
import type { DeploymentPlan } from './plan-deployment.js';

/**
 * The plan as a deployment record keeps it: without the list of files to upload, which its changes
 * name one by one and its artifacts hash, so a record lists each file of the site once.
 */
export function recordedPlan(summary: PlanSummary): PlanSummary {
  if (!summary.frontend) return summary;
  const { files: _listedInChanges, ...rest } = summary.frontend;
  return { ...summary, frontend: rest };
}

/** The plan for machines (`plan --json`) and for the deployment record (see `recordedPlan`). */
export function planSummary(plan: DeploymentPlan): PlanSummary {
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
                  api: apiSummary(plan.backend.api),
                }
              : {}),
          },
        }
      : {}),
  };
}

/** A deployment record's plan when it is a deployment's (a manual rollback records a plan of another shape). */
export function deploymentPlan(record: Pick<DeploymentRecord, 'plan'>): PlanSummary | undefined {
  const plan = record.plan;
  return plan && typeof (plan as Partial<PlanSummary>).nothingToDo === 'boolean'
    ? (plan as PlanSummary)
    : undefined;
}

/** The API's part of the plan summary: which API and stage, why it is redeployed, and what its routes do. */
function apiSummary(api: PlannedApi): NonNullable<BackendPlanSummary['api']> {
  return {
    type: api.type,
    apiId: api.apiId,
    ...(api.type === 'rest' ? { restApiId: api.apiId } : {}),
    stage: api.stage,
    redeploy: api.redeploy,
    ...(api.routes ? { routes: api.routes.diff } : {}),
    ...(api.grant ? { allowInvoke: api.grant } : {}),
    ...(api.turnOffAutoDeploy ? { turnOffAutoDeploy: true as const } : {}),
  };
}
