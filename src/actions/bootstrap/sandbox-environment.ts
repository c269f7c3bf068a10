import type { LoadedConfig } from '../../config/load.js';
import { bootstrapResources } from '../../providers/aws/bootstrap.js';
import { createAwsClients } from '../../providers/aws/clients.js';
import { awsIdentity } from '../../providers/aws/identity.js';
import { SANDBOX_CREDENTIALS } from '../../providers/aws/sandbox-endpoint.js';
import { sandboxSiteUrl, sandboxStageUrl } from '../../providers/aws/sandbox-urls.js';
import { bootstrapPlanFor } from './bootstrap-plan.js';

export interface SandboxEnvironment {
  environment: string;
  created: string[];
  existing: string[];
  siteUrl?: string;
  apiUrl?: string;
}

/**
 * Creates in the sandbox what an environment's configuration names, and says where it is served. The
 * account is the one the sandbox was started with, asked of its STS unless given.
 */
export async function bootstrapSandboxEnvironment(
  loaded: LoadedConfig,
  endpoint: string,
  accountId?: string,
): Promise<SandboxEnvironment> {
  const plan = bootstrapPlanFor(loaded.config);
  const settings = {
    region: loaded.config.aws.region,
    endpoint,
    credentials: SANDBOX_CREDENTIALS,
    maxAttempts: 3,
  };
  const account = accountId ?? (await awsIdentity(await createAwsClients(settings).sts())).account;
  const result = await bootstrapResources(settings, account, plan);
  return {
    environment: loaded.environment,
    created: result.created,
    existing: result.existing,
    ...(result.distributionId ? { siteUrl: sandboxSiteUrl(endpoint, result.distributionId) } : {}),
    ...(result.apiId && plan.api
      ? { apiUrl: sandboxStageUrl(plan.api.type, endpoint, result.apiId, plan.api.stage) }
      : {}),
  };
}
