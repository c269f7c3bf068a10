import { type EnvironmentOptions, openEnvironment } from '../../engine/change/open-environment.js';
import { awsIdentity } from '../../providers/aws/identity.js';
import { type PolicyDocument, policyDocument } from '../../validate/permissions/policy.js';
import { type RequiredPermission, requiredPermissions } from '../../validate/permissions/required.js';
import { permissionScope } from '../../validate/permissions/scope.js';

export interface DeployerPolicy {
  environment: string;
  policy: PolicyDocument;
  permissions: RequiredPermission[];
  /** What could not be found out, so stays a wildcard in the policy. */
  unknown: string[];
}

/**
 * `omnix iam-policy <env>`: the least-privilege identity policy for whoever deploys the environment.
 * With working credentials the account, API and distribution ids are looked up; without, they stay
 * wildcards (and `unknown` says so).
 */
export async function deployerPolicy(options: EnvironmentOptions): Promise<DeployerPolicy> {
  const { loaded, clients } = await openEnvironment(options);
  const identity = await awsIdentity(await clients.sts()).catch(() => undefined);
  const { scope, unknown } = await permissionScope(loaded, clients, identity);
  const permissions = requiredPermissions(loaded.config, scope);
  return { environment: loaded.environment, policy: policyDocument(permissions), permissions, unknown };
}
