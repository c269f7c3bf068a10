import { reachBucket } from '../../providers/aws/bucket-settings.js';
import { DIRECT_UPLOAD_LIMIT, readLiveFunction } from '../../providers/aws/functions.js';
import { combine } from '../finding.js';
import { newestOfFamily, runtimeSupport } from '../runtimes.js';
import type { ValidationCheck, ValidationFinding } from '../types.js';

/** Every function exists with a supported runtime, and packages too large to upload have their bucket. */
export const functionsCheck: ValidationCheck = {
  name: 'functions',
  needs: 'backend',
  async run(context) {
    const backend = context.loaded.config.backend!;
    const lambda = await context.clients.lambda();
    const problems: ValidationFinding[] = [];
    const notes: string[] = [];
    await Promise.all(
      Object.entries(backend.functions).map(async ([key, fn]) => {
        const support = runtimeSupport(fn.runtime, context.now);
        const successor = newestOfFamily(fn.runtime, context.now);
        const upgrade = successor ? `Move backend.functions.${key}.runtime to ${successor}.` : undefined;
        if (support.state === 'deprecated')
          problems.push({
            status: 'fail',
            message: `${fn.name}: the runtime ${fn.runtime} is deprecated since ${support.on}`,
            ...(upgrade ? { hint: upgrade } : {}),
          });
        else if (support.state === 'deprecating')
          problems.push({
            status: 'warn',
            message: `${fn.name}: the runtime ${fn.runtime} is deprecated on ${support.on}, in ${support.days} day(s)`,
            ...(upgrade ? { hint: upgrade } : {}),
          });
        const live = await readLiveFunction(lambda, fn.name, fn.alias);
        if (!live) {
          problems.push({
            status: 'fail',
            message: `the function ${fn.name} (backend.functions.${key}) does not exist`,
            hint: 'Create it first (on the sandbox: omnix sandbox start --bootstrap <env>), or fix its name.',
          });
          return;
        }
        notes.push(
          live.alias
            ? `${fn.name}:${fn.alias} → v${live.alias.version}`
            : `${fn.name} (alias ${fn.alias} to be created)`,
        );
      }),
    );
    const packages = await context.packages();
    const large = Object.keys(backend.functions).filter((key) => {
      const pkg = packages.get(key);
      return pkg && !(pkg instanceof Error) && pkg.zip.length > DIRECT_UPLOAD_LIMIT;
    });
    if (large.length > 0) {
      if (!backend.artifactBucket)
        problems.push({
          status: 'fail',
          message: `the package of ${large.join(', ')} is over 50 MB, which Lambda takes only through S3, and backend.artifactBucket is not set`,
          hint: 'Set backend.artifactBucket to a bucket the deployer may write to.',
        });
      else {
        const s3 = await context.clients.s3();
        const reach = await reachBucket(s3, backend.artifactBucket);
        if (!reach.ok)
          problems.push({
            status: 'fail',
            message: `the artifact bucket ${backend.artifactBucket} is not reachable (${reach.errorName})`,
            hint: 'Create it, or fix backend.artifactBucket.',
          });
      }
    }
    return combine(problems, notes.sort().join(', '));
  },
};
