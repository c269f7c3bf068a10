import { GetDeploymentCommand } from '@aws-sdk/client-api-gateway';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { GetBucketLifecycleConfigurationCommand, type LifecycleRule } from '@aws-sdk/client-s3';
import { listVersions } from '../../providers/aws/site-bucket.js';
import type { ReleaseRecord } from '../../state/records.js';
import { awsErrorName, unlessNotFound } from '../aws-errors.js';
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
    if (frontend) problems.push(...(await lifecycleProblems(context, frontend.bucket, frontend.prefix)));
    const lost = await unrestorable(context, releases);
    const earlier = releases.slice(1);
    for (const release of releases) {
      const missing = lost.get(release.number);
      if (missing)
        problems.push({
          status: 'warn',
          message: `release v${release.number} can no longer be restored: ${missing.slice(0, 3).join('; ')}${missing.length > 3 ? `; and ${missing.length - 3} more` : ''}`,
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

/** Release number → what of it is gone. */
async function unrestorable(
  context: ValidationContext,
  releases: ReleaseRecord[],
): Promise<Map<number, string[]>> {
  const lost = new Map<number, string[]>();
  const note = (release: ReleaseRecord, what: string) =>
    lost.set(release.number, [...(lost.get(release.number) ?? []), what]);
  const withSite = releases.filter((release) => release.manifest.frontend);
  if (withSite.length > 0) {
    const s3 = await context.clients.s3();
    const prefix = context.loaded.config.frontend?.prefix ?? '';
    const buckets = [...new Set(withSite.map((release) => release.manifest.frontend!.bucket))];
    const present = new Set<string>();
    for (const bucket of buckets) {
      const versions =
        bucket === context.loaded.config.frontend?.bucket
          ? await context.siteVersions()
          : await listVersions(s3, bucket, prefix);
      for (const version of versions) present.add(`${bucket}\n${version.key}\n${version.versionId}`);
    }
    for (const release of withSite) {
      const { bucket, objects } = release.manifest.frontend!;
      for (const object of objects)
        if (!present.has(`${bucket}\n${object.key}\n${object.versionId}`))
          note(release, `s3://${bucket}/${object.key} version ${object.versionId} is gone`);
    }
  }
  const functions = new Set<string>();
  const deployments = new Map<string, { restApiId: string; deploymentId: string }>();
  for (const release of releases) {
    for (const fn of release.manifest.backend?.functions ?? [])
      if (fn.version !== '$LATEST') functions.add(`${fn.name}:${fn.version}`);
    const api = release.manifest.backend?.api;
    if (api?.deploymentId) deployments.set(`${api.restApiId}/${api.deploymentId}`, api);
  }
  const gone = new Set<string>();
  if (functions.size > 0) {
    const lambda = await context.clients.lambda();
    await Promise.all(
      [...functions].map(async (qualified) => {
        const [name, version] = qualified.split(':') as [string, string];
        const found = await unlessNotFound(
          () => lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: version })),
          ['ResourceNotFoundException'],
        );
        if (!found) gone.add(qualified);
      }),
    );
  }
  if (deployments.size > 0) {
    const gateway = await context.clients.apiGateway();
    await Promise.all(
      [...deployments.entries()].map(async ([key, { restApiId, deploymentId }]) => {
        const found = await unlessNotFound(
          () => gateway.send(new GetDeploymentCommand({ restApiId, deploymentId })),
          ['NotFoundException'],
        );
        if (!found) gone.add(key);
      }),
    );
  }
  for (const release of releases) {
    for (const fn of release.manifest.backend?.functions ?? [])
      if (gone.has(`${fn.name}:${fn.version}`))
        note(release, `function ${fn.name} version ${fn.version} is gone`);
    const api = release.manifest.backend?.api;
    if (api && gone.has(`${api.restApiId}/${api.deploymentId}`))
      note(release, `API deployment ${api.deploymentId} of ${api.restApiId} is gone`);
  }
  return lost;
}

/** Lifecycle rules that expire the site's objects: old versions (no rollback past them) or current ones. */
async function lifecycleProblems(
  context: ValidationContext,
  bucket: string,
  prefix: string,
): Promise<ValidationFinding[]> {
  const s3 = await context.clients.s3();
  let rules: LifecycleRule[];
  try {
    rules = (await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules ?? [];
  } catch (error) {
    if (awsErrorName(error) === 'NoSuchLifecycleConfiguration') return [];
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
    if (rule.Status !== 'Enabled') continue;
    const rulePrefix = rule.Filter?.Prefix ?? rule.Filter?.And?.Prefix ?? rule.Prefix ?? '';
    if (!rulePrefix.startsWith(prefix) && !prefix.startsWith(rulePrefix)) continue;
    const name = rule.ID ? `rule ${rule.ID}` : 'a rule';
    const scope = rulePrefix ? `objects under ${rulePrefix}` : 'every object';
    const days = rule.NoncurrentVersionExpiration?.NoncurrentDays;
    if (days !== undefined)
      problems.push({
        status: 'warn',
        message: `${name} of ${bucket} expires replaced versions of ${scope} after ${days} day(s): releases replaced longer ago than that cannot be restored`,
        hint: 'Lengthen NoncurrentDays past how far back you may roll back, or keep fewer releases (rollout.keepReleases).',
      });
    if (rule.Expiration?.Days !== undefined || rule.Expiration?.Date !== undefined)
      problems.push({
        status: 'warn',
        message: `${name} of ${bucket} expires the current versions of ${scope}: the live site itself will lose files`,
        hint: 'Exclude the site prefix from the rule.',
      });
  }
  return problems;
}
