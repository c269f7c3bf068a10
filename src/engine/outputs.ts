import type { OmnixConfig } from '../config/schema.js';
import { isOmnixSandbox } from '../providers/aws/sandbox-endpoint.js';
import { sandboxApiUrl, sandboxSiteUrl } from '../sandbox/urls.js';
import type { DeploymentPlan } from './plan-deployment.js';

export type Outputs = { siteUrl?: string; apiUrl?: string };

/**
 * Where the environment is served: the configured URLs, else, given a plan, the distribution's domain
 * and the stage's execute-api URL — or, on an omnix sandbox (`sandboxEndpoint`), the sandbox's paths
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
  else if (api && sandboxEndpoint) outputs.apiUrl = sandboxApiUrl(sandboxEndpoint, api.restApiId, api.stage);
  else if (api)
    outputs.apiUrl = `https://${api.restApiId}.execute-api.${aws.region}.amazonaws.com/${api.stage}`;
  return outputs;
}

/** `outputsOf`, asking whether the configured endpoint is an omnix sandbox (never for real AWS). */
export async function deploymentOutputs(config: OmnixConfig, plan: DeploymentPlan): Promise<Outputs> {
  const endpoint = config.aws.endpoint?.replace(/\/+$/, '');
  return outputsOf(config, plan, endpoint && (await isOmnixSandbox(endpoint)) ? endpoint : undefined);
}
