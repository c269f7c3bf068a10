import { createHash } from 'node:crypto';
import type { DeploymentPlan } from '../../engine/plan/plan-deployment.js';
import { deploymentArtifacts } from '../../engine/plan/release-digests.js';
import { planSummary } from '../../engine/plan/summary.js';

/** JSON with object keys sorted, so equal values give equal text whatever order they were built in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * The digest an approval names: 16 hex characters of a SHA-256 over the engine's plan — what changes
 * (the summary), the exact bytes it makes live (every file's and package's hash) and each function's
 * configuration. Not over the plan summary as shown, which carries other extensions' findings: a risk
 * score or a warning must not make an approved plan a different plan.
 */
export function planDigest(plan: DeploymentPlan): string {
  const functions = [...(plan.backend?.packages.values() ?? [])].map(({ desired }) => desired);
  const hashed = stableJson({
    summary: planSummary(plan),
    artifacts: deploymentArtifacts(plan),
    functions,
  });
  return createHash('sha256').update(hashed).digest('hex').slice(0, 16);
}
