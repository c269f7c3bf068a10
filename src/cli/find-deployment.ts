import { UsageError } from '../core/errors.js';
import type { DeploymentRecord } from '../records/index.js';
import type { CommandContext } from './io.js';
import { allEnvironmentStores, environmentStore } from './state-access.js';

/** A release number as `rollback` takes it: `3` or `v3`. */
const RELEASE = /^v?(\d+)$/i;

/**
 * The deployment `ref` names: a deployment id, or a release number (the deployment that made the
 * release) of `environment`, or of the one environment that has such a release.
 */
export async function findDeployment(
  context: CommandContext,
  ref: string,
  environment?: string,
  /** The command's option that names the environment, for the hint when a release number is ambiguous. */
  environmentOption = '--environment',
): Promise<DeploymentRecord> {
  const states = environment
    ? [await environmentStore(context, environment)]
    : await allEnvironmentStores(context);
  const release = RELEASE.exec(ref);
  if (!release) {
    for (const { store, environment: name } of states) {
      const record = await store.getDeployment(ref, name);
      if (record) return record;
    }
    throw new UsageError('DeploymentNotFound', `no deployment '${ref}' in the state of any environment`, {
      hint: "'omnix history' lists the deployments and their ids; release numbers (3 or v3) work too.",
    });
  }
  const number = Number(release[1]);
  const found: DeploymentRecord[] = [];
  for (const { store, environment: name } of states) {
    const made = await store.getRelease(name, number);
    const record = made && (await store.getDeployment(made.deploymentId, name));
    if (record) found.push(record);
  }
  const where = environment ?? 'any environment';
  if (found.length === 0)
    throw new UsageError('ReleaseNotFound', `no release v${number} in ${where}`, {
      hint: `'omnix history${environment ? ` ${environment}` : ''}' lists the releases.`,
    });
  if (found.length > 1)
    throw new UsageError(
      'AmbiguousRelease',
      `v${number} is a release of ${found.map((record) => record.environment).join(' and ')}`,
      { hint: `Name the environment: ${environmentOption} ${found[0]!.environment}.` },
    );
  return found[0]!;
}
