import type { DeploymentPlan } from '../../engine/plan/plan-deployment.js';
import { configChanges } from '../features/index.js';
import { siteDigest } from '../memory/site-digest.js';

const CODE_ACTIONS = new Set(['update-code', 'update-code-and-configuration', 'publish']);

/** What a plan would put live that is not live now, by digest: what prevention compares with memory. */
export interface PlannedChange {
  functionCode: Array<{ name: string; codeSha256: string }>;
  siteDigest?: string;
  configChanges: Array<{ path: string; digest: string }>;
}

/**
 * `config` is the configuration the deployment would record (secrets as ***); `previousConfig` the one
 * the environment's last successful deployment recorded.
 */
export function plannedChange(plan: DeploymentPlan, config: unknown, previousConfig: unknown): PlannedChange {
  const packages = new Map(
    [...(plan.backend?.packages.values() ?? [])].map(({ desired, pkg }) => [desired.name, pkg.codeSha256]),
  );
  const functionCode = (plan.backend?.plan.functions ?? [])
    .filter((fn) => CODE_ACTIONS.has(fn.action) && packages.has(fn.name))
    .map((fn) => ({ name: fn.name, codeSha256: packages.get(fn.name)! }));
  const frontend = plan.frontend;
  const siteChanges = frontend
    ? frontend.plan.uploads.length + frontend.plan.entryPoints.length + frontend.plan.deletes.length
    : 0;
  return {
    functionCode,
    ...(frontend && siteChanges > 0
      ? { siteDigest: siteDigest(Object.fromEntries(frontend.local.map((file) => [file.key, file.md5]))) }
      : {}),
    configChanges: configChanges(previousConfig, config),
  };
}
