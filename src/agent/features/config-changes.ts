import { createHash } from 'node:crypto';
import { leafDifferences } from '../../config/paths.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A value's digest: equal values, equal digests; the value cannot be read back from it. */
export const valueDigest = (value: unknown): string => `sha256:${sha256(JSON.stringify(value)).slice(0, 32)}`;

// A secret is recorded as *** in the configuration: its digest would say nothing and match every secret.
const holdsSecret = (value: unknown) => JSON.stringify(value ?? null).includes('***');

// Only what is deployed can make a release fail: how omnix verifies, locks or notifies (health, state,
// rollout, agent) differs between runs (a CI override of health.retries) and says nothing of the change.
const DEPLOYED = /^(frontend|backend)([.[]|$)/;

/**
 * The deployed configuration's paths (frontend, backend) whose value differs from the previous release's, each with the digest of its
 * new value (`removed` when it went away). Secret values are left out. No previous configuration → none:
 * a first deployment changes everything, which would match everything.
 */
export function configChanges(previous: unknown, current: unknown): Array<{ path: string; digest: string }> {
  if (previous === undefined || current === undefined) return [];
  return leafDifferences(previous, current)
    .filter((difference) => DEPLOYED.test(difference.path))
    .filter((difference) => !holdsSecret(difference.b) && !holdsSecret(difference.a))
    .map((difference) => ({
      path: difference.path,
      digest: difference.b === undefined ? 'removed' : valueDigest(difference.b),
    }));
}
