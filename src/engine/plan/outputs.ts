import type { OmnixConfig } from '../../config/schema.js';
import { isOmnixSandbox } from '../../providers/aws/sandbox-endpoint.js';
import { awsStageUrl, sandboxSiteUrl, sandboxStageUrl } from '../../providers/aws/sandbox-urls.js';
import type { StateStore } from '../../state/store.js';
import type { DeploymentPlan } from './plan-deployment.js';

export type Outputs = { siteUrl?: string; apiUrl?: string };

/**
 * Where the environment is served: the configured URLs, else, given a plan, the distribution's domain
 * and the stage's execute-api URL (an HTTP API's `$default` stage: the API's own URL) — or, on an omnix sandbox (`sandboxEndpoint`), the sandbox's paths
 * that serve them.
 */
export function outputsOf(config: OmnixConfig, plan?: DeploymentPlan, sandboxEndpoint?: string): Outputs {
  const { frontend, backend, aws } = config;
  const outputs: Outputs = {};
  const distribution = plan?.frontend?.distribution;
  if (frontend?.url) outputs.siteUrl = frontend.url;
  else if (distribution && sandboxEndpoint)
    outputs.siteUrl = sandboxSiteUrl(sandboxEndpoint, distribution.id);
  else if (distribution?.domainName) outputs.siteUrl = `https://${distribution.domainName}`;
  const api = plan?.backend?.api;
  if (backend?.api?.url) outputs.apiUrl = backend.api.url;
  else if (api && sandboxEndpoint)
    outputs.apiUrl = sandboxStageUrl(api.type, sandboxEndpoint, api.apiId, api.stage);
  else if (api) outputs.apiUrl = awsStageUrl(api.type, api.apiId, api.stage, aws.region);
  return outputs;
}

/**
 * `outputsOf`, asking whether the configured endpoint is an omnix sandbox (never for real AWS). A plan
 * of one component (`--only`) knows only that component's URL: the other comes from the live release.
 */
export async function deploymentOutputs(
  config: OmnixConfig,
  plan: DeploymentPlan,
  store: StateStore,
): Promise<Outputs> {
  const endpoint = config.aws.endpoint?.replace(/\/+$/, '');
  const planned = outputsOf(
    config,
    plan,
    endpoint && (await isOmnixSandbox(endpoint)) ? endpoint : undefined,
  );
  const live = plan.releases[0];
  if (((planned.siteUrl || !config.frontend) && (planned.apiUrl || !config.backend)) || !live) return planned;
  const made = await store.getDeployment(live.deploymentId, plan.environment);
  const kept: Outputs = made?.outputs ?? {};
  return {
    ...(kept.siteUrl && config.frontend ? { siteUrl: kept.siteUrl } : {}),
    ...(kept.apiUrl && config.backend ? { apiUrl: kept.apiUrl } : {}),
    ...planned,
  };
}
