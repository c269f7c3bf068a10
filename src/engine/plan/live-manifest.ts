import type { ReleaseManifest } from '../../records/index.js';
import { backendComponent } from '../components/backend/component.js';
import { frontendComponent } from '../components/frontend/component.js';
import type { DeploymentPlan } from './plan-deployment.js';

/**
 * What is live right now, as a manifest, from the state the plan read. Recorded before the first
 * change, so a failed or interrupted deployment can always be put back, even on a first deployment or
 * after drift.
 */
export function liveManifest(plan: DeploymentPlan): ReleaseManifest {
  return {
    ...(plan.frontend ? { frontend: frontendComponent.describeLive(plan.frontend) } : {}),
    ...(plan.backend ? { backend: backendComponent.describeLive(plan.backend) } : {}),
  };
}
