import { missingFromTarget } from '../../artifacts/live/release-objects.js';
import { bucketExpiryRules, type ExpiryRule } from '../../providers/aws/bucket-settings.js';
import { awsErrorName } from '../../providers/aws/errors.js';
import { keyPrefix, listVersions } from '../../providers/aws/site-bucket.js';
import type { ReleaseRecord } from '../../records/index.js';
import { combine } from '../finding.js';
import type { ValidationCheck, ValidationContext, ValidationFinding } from '../types.js';

/**
 * The releases kept for rollback can still be restored: their object versions, function versions and
 * API deployments exist, and no lifecycle rule of the site bucket will expire the old object versions.
 */
export const rollbackCheck: ValidationCheck = {
  name: 'rollback',
  advisory: true,
  async run(context) {
    const releases = await context.releases();
    if (releases.length === 0) return { status: 'pass', message: 'no release yet: nothing to restore' };
    const problems: ValidationFinding[] = [];
    const frontend = context.loaded.config.frontend;
    if (frontend)
      problems.push(...(await lifecycleProblems(context, frontend.bucket, keyPrefix(frontend.prefix))));
    const lost = await unrestorable(context, releases);
    const earlier = releases.slice(1);
    for (const release of releases) {
      const missing = lost.get(release.number);
      if (missing)
        problems.push({
          status: 'warn',
          message: `release v${release.number} can no longer be restored: ${missing.length} part(s) no longer exist: ${missing.slice(0, 3).join('; ')}${missing.length > 3 ? '; …' : ''}`,
          hint: 'Its files or versions were deleted outside omnix, or expired; later releases are unaffected.',
        });
    }
    if (earlier.length > 0 && earlier.every((release) => lost.has(release.number)))
      problems.push({
        status: 'warn',
        message: `none of the ${earlier.length} earlier release(s) kept can be restored: after this deployment, \`omnix rollback\` has nothing to go back to`,
      });
    const restorable = releases
      .filter((release) => !lost.has(release.number))
      .map((release) => `v${release.number}`);
    return combine(problems, `${restorable.length} kept release(s) restorable (${restorable.join(', ')})`);
  },
};

/** Release number → what of it is gone; the site's versions are listed once for all of them. */
async function unrestorable(
  context: ValidationContext,
  releases: ReleaseRecord[],
): Promise<Map<number, string[]>> {
  const configured = context.loaded.config.frontend?.bucket;
  const listed = new Map<string, ReturnType<ValidationContext['siteVersions']>>();
  const siteVersions = (bucket: string) => {
    if (!listed.has(bucket))
      listed.set(
        bucket,
        bucket === configured
          ? context.siteVersions()
          : context.clients
              .s3()
              .then((s3) =>
                listVersions(s3, bucket, keyPrefix(context.loaded.config.frontend?.prefix ?? '')),
              ),
      );
    return listed.get(bucket)!;
  };
  const lost = new Map<number, string[]>();
  await Promise.all(
    releases.map(async (release) => {
      const missing = await missingFromTarget(release.manifest, context, siteVersions);
      if (missing.length > 0) lost.set(release.number, missing);
    }),
  );
  return lost;
}

/** Lifecycle rules that expire the site's objects: old versions (no rollback past them) or current ones. */
async function lifecycleProblems(
  context: ValidationContext,
  bucket: string,
  prefix: string,
): Promise<ValidationFinding[]> {
  const s3 = await context.clients.s3();
  let rules: ExpiryRule[];
  try {
    rules = await bucketExpiryRules(s3, bucket);
  } catch (error) {
    return [
      {
        status: 'warn',
        message: `the lifecycle rules of ${bucket} could not be read (${(error as Error).message})`,
        hint: "Make sure no rule expires the site's noncurrent versions while releases are kept for rollback.",
      },
    ];
  }
  const problems: ValidationFinding[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const rulePrefix = rule.prefix;
    if (!rulePrefix.startsWith(prefix) && !prefix.startsWith(rulePrefix)) continue;
    const name = rule.id ? `rule ${rule.id}` : 'a rule';
    const scope = rulePrefix ? `objects under ${rulePrefix}` : 'every object';
    const days = rule.noncurrentDays;
    if (days !== undefined)
      problems.push({
        status: 'warn',
        message: `${name} of ${bucket} expires replaced versions of ${scope} after ${days} day(s): releases replaced longer ago than that cannot be restored`,
        hint: 'Lengthen NoncurrentDays past how far back you may roll back, or keep fewer releases (rollout.keepReleases).',
      });
    if (rule.expiresCurrent)
      problems.push({
        status: 'warn',
        message: `${name} of ${bucket} expires the current versions of ${scope}: the live site itself will lose files`,
        hint: 'Exclude the site prefix from the rule.',
      });
  }
  return problems;
}
