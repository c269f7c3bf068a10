import type { OmnixConfig } from '../config/schema.js';
import type { DeploymentPlan } from './plan-deployment.js';

export type Outputs = { siteUrl?: string; apiUrl?: string };

/**
 * Where the environment is served: the configured URLs, else, given a plan, the distribution's domain
 * and the stage's execute-api URL.
 */
export function outputsOf(config: OmnixConfig, plan?: DeploymentPlan): Outputs {
  const { frontend, backend, aws } = config;
  const outputs: Outputs = {};
  const domain = plan?.frontend?.distribution.domainName;
  if (frontend?.url) outputs.siteUrl = frontend.url;
  else if (domain) outputs.siteUrl = `https://${domain}`;
  if (backend?.api?.url) outputs.apiUrl = backend.api.url;
  else if (plan?.backend?.api)
    outputs.apiUrl = `https://${plan.backend.api.restApiId}.execute-api.${aws.region}.amazonaws.com/${plan.backend.api.stage}`;
  return outputs;
}
