import { hasApi } from '../../config/api-routes.js';
import type { LoadedConfig } from '../../config/load.js';
import { apiKind } from '../../providers/aws/api-kinds.js';
import type { AwsClients } from '../../providers/aws/clients.js';
import { findDistribution } from '../../providers/aws/distribution.js';
import { configReferences } from '../config-references.js';
import { type PermissionScope, partitionOf } from './required.js';
import { simulationPrincipal } from './simulate.js';

/**
 * Where the environment's resources are, as exactly as can be found out: the account from the caller's
 * identity (or aws.accountId), the API and distribution ids looked up when the configuration names them
 * only by name or origin. What cannot be found stays a wildcard, and `unknown` says which.
 */
export async function permissionScope(
  loaded: LoadedConfig,
  clients: AwsClients,
  identity: { arn: string; account: string } | undefined,
): Promise<{ scope: PermissionScope; unknown: string[] }> {
  const { config } = loaded;
  const unknown: string[] = [];
  const account = identity?.account ?? config.aws.accountId;
  if (!account) unknown.push('the account id (no credentials, and aws.accountId is not set)');
  const scope: PermissionScope = {
    partition: partitionOf(config.aws.region),
    region: config.aws.region,
    account: account ?? '*',
    references: await configReferences(loaded),
  };
  const principal = identity && simulationPrincipal(identity.arn);
  if (principal) scope.principalArn = principal;
  const api = config.backend?.api;
  if (api && !api.id && hasApi(config.backend)) {
    const kind = await apiKind(api.type);
    try {
      scope.apiId = await kind.find(clients, undefined, api.name);
    } catch (error) {
      unknown.push(`the id of the ${kind.label} ${api.name} (${(error as Error).message})`);
    }
  }
  const frontend = config.frontend;
  if (frontend && !frontend.distributionId) {
    try {
      scope.distributionId = (
        await findDistribution(await clients.cloudFront(), undefined, frontend.bucket)
      ).id;
    } catch (error) {
      unknown.push(`the distribution in front of ${frontend.bucket} (${(error as Error).message})`);
    }
  }
  return { scope, unknown };
}
