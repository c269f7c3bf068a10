import type { DeploymentArtifacts } from '../../records/index.js';
import type { DeploymentPlan } from './plan-deployment.js';

/** The digests of everything the plan makes live: every site file, every function package, the API. */
export function deploymentArtifacts(plan: DeploymentPlan): DeploymentArtifacts {
  const artifacts: DeploymentArtifacts = {};
  if (plan.frontend)
    artifacts.files = Object.fromEntries(plan.frontend.local.map((file) => [file.key, file.md5]));
  if (plan.backend) {
    artifacts.functions = Object.fromEntries(
      [...plan.backend.packages.values()].map(({ desired, pkg }) => [desired.name, pkg.codeSha256]),
    );
    const api = plan.backend.api;
    // With routes omnix owns, what is deployed is the configured routes, not the ones live before.
    if (api) artifacts.apiDefinition = api.routes?.digest ?? api.definitionHash;
  }
  return artifacts;
}
