import { knownFailure } from '../catalogue/catalogue.js';
import type { DeploymentMemory } from '../memory/record.js';
import { signatureKey } from '../memory/signature.js';
import type { PlannedChange } from './planned-change.js';

/** A part of the plan that failed before, somewhere, and has not succeeded since. */
export interface KnownFailureFinding {
  deploymentId: string;
  environment: string;
  signature: string;
  /** The catalogue id of the failure, when it is a known one. */
  failure?: string;
  reason: string;
  remedy: string;
  /** What of the plan matched: `function <name> code <sha>`, `site <digest>`, `config <path>`. */
  matched: string[];
}

const failedOutcome = (entry: DeploymentMemory) =>
  entry.outcome === 'failed' || entry.outcome === 'rolled_back';

/** Whether a failure says something about the change (its code, site or configuration). */
function blamesChange(entry: DeploymentMemory): boolean {
  if (entry.change !== 'deploy' || !entry.changedSomething || !failedOutcome(entry)) return false;
  const failure = entry.errors[0]?.failure;
  return failure ? (knownFailure(failure)?.blamesChange ?? true) : true;
}

/**
 * The failed deployments (in any environment) whose function code, site, or configuration change the plan
 * would put live again, and which no deployment has put live successfully since. Pure: same plan and
 * memory, same findings.
 */
export function findKnownFailures(
  planned: PlannedChange,
  memory: readonly DeploymentMemory[],
): KnownFailureFinding[] {
  const findings: KnownFailureFinding[] = [];
  for (const failed of memory.filter(blamesChange)) {
    const later = memory.filter((entry) => entry.id > failed.id && entry.outcome === 'succeeded');
    const succeededSince = (test: (entry: DeploymentMemory) => boolean) => later.some(test);
    const matched: string[] = [];
    for (const { name, codeSha256 } of planned.functionCode) {
      if (!failed.features.introduced.functionCode.includes(codeSha256)) continue;
      if (
        succeededSince((entry) =>
          Object.values(entry.features.artifacts.functions ?? {}).includes(codeSha256),
        )
      )
        continue;
      matched.push(`function ${name} code ${codeSha256}`);
    }
    const site = planned.siteDigest;
    if (
      site &&
      failed.features.introduced.siteDigest === site &&
      !succeededSince((entry) => entry.features.artifacts.siteDigest === site)
    )
      matched.push(`site ${site}`);
    for (const change of planned.configChanges) {
      const same = (entry: DeploymentMemory) =>
        entry.features.configChanges.some((c) => c.path === change.path && c.digest === change.digest);
      if (change.digest !== 'removed' && same(failed) && !succeededSince(same))
        matched.push(`config ${change.path}`);
    }
    if (matched.length === 0) continue;
    const error = failed.errors[0];
    const entry = error?.failure ? knownFailure(error.failure) : undefined;
    findings.push({
      deploymentId: failed.id,
      environment: failed.environment,
      signature: error ? signatureKey(error.signature) : failed.outcome,
      ...(entry ? { failure: entry.id } : {}),
      reason: `the same ${matched
        .map((m) => m.split(' ')[0])
        .filter((k, i, all) => all.indexOf(k) === i)
        .join(
          ', ',
        )} failed in ${failed.environment} (deployment ${failed.id}, ${failed.outcome.replace('_', ' ')}${entry ? `: ${entry.title.toLowerCase()}` : ''}) and has not succeeded anywhere since`,
      remedy:
        entry?.remedy ??
        `Find out why it failed (omnix agent explain ${failed.id}) and fix it before deploying it again.`,
      matched,
    });
  }
  return findings;
}
