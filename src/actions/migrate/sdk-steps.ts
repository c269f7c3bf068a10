import type { Step, StepArea } from './steps.js';

/** SDK calls (JavaScript v2/v3, boto3) that do a deployment step. */
const SDK_STEPS: Array<[RegExp, string, StepArea, string]> = [
  [
    /PutObjectCommand|\bs3Upload\b|\.putObject\(|\.upload_file\(|\.put_object\(|new Upload\(/,
    'upload',
    'frontend',
    'omnix deploy uploads the site (frontend)',
  ],
  [
    /DeleteObjectsCommand|\.deleteObjects\(|\.delete_objects\(/,
    'delete-objects',
    'frontend',
    'omnix deletes stale files after frontend.deleteStale releases',
  ],
  [
    /CreateInvalidationCommand|\bcfInvalidate\b|\.createInvalidation\(|\.create_invalidation\(/,
    'invalidate',
    'frontend',
    'omnix invalidates the changed paths and waits',
  ],
  [
    /UpdateFunctionCodeCommand|\.updateFunctionCode\(|\.update_function_code\(/,
    'update-function-code',
    'backend',
    'omnix deploy packages and uploads each function (backend)',
  ],
  [
    /PublishVersionCommand|\.publishVersion\(|\.publish_version\(/,
    'publish',
    'backend',
    'omnix publishes a version per deployment',
  ],
  [
    /UpdateAliasCommand|\.updateAlias\(|\.update_alias\(|CreateAliasCommand/,
    'alias',
    'backend',
    'omnix moves the alias (backend.functions.*.alias)',
  ],
  [
    /CreateDeploymentCommand|\.createDeployment\(|\.create_deployment\(/,
    'create-deployment',
    'backend',
    'omnix deploys the API stage (backend.api)',
  ],
];

/** Steps done through the AWS SDK in JavaScript or Python code, one per call found. */
export function sdkStepsOf(text: string): Step[] {
  const steps: Step[] = [];
  text.split('\n').forEach((line, index) => {
    const capped = line.slice(0, 4096);
    for (const [pattern, name, area, note] of SDK_STEPS)
      if (pattern.test(capped)) steps.push({ name, area, line: index + 1, note });
  });
  return steps;
}
