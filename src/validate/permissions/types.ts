import type { ConfigReferences } from '../config-references.js';

/** Where the environment's resources are: what turns names from the configuration into ARNs. */
export interface PermissionScope {
  partition: string;
  region: string;
  /** `*` when not known. */
  account: string;
  /** The API's id (REST or HTTP); `*` when it is only known by name and was not looked up. */
  apiId?: string;
  /** The distribution's id; unset when it is found by its origin (ListDistributions). */
  distributionId?: string;
  /** The deployer's IAM principal (user or role ARN), for the permission to simulate its own policy. */
  principalArn?: string;
  /** The `${cfn:}` and `${ssm:}` references the configuration files make. */
  references?: Pick<ConfigReferences, 'cfn' | 'ssm'>;
}

/** One IAM action the deployer needs, the resources it needs it on, and why. */
export interface RequiredPermission {
  action: string;
  /** Resource patterns for the policy. */
  resources: string[];
  /** One concrete ARN per pattern, for SimulatePrincipalPolicy: what a real call would name. */
  samples: string[];
  /** What omnix does with it. */
  purpose: string;
}
