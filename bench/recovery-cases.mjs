// The transient fault classes of issue 17, each injected (sandbox fault rules) on the step it hits in a
// deployment of the example app that changes its site, its functions' code and configuration, and its
// API. Shared by test/e2e/recovery.test.ts and bench/recovery-faults.mjs.

/** Where the package-too-large case sends packages instead (created in the sandbox by the runner). */
export const ARTIFACT_BUCKET = 'omnix-recovery-artifacts';

/** A pid no process has: past the kernel's maximum. */
export const DEAD_PID = 2 ** 22 + 1;

const error = (code, status, message) => ({ error: { code, status, ...(message ? { message } : {}) } });
const conflict = (name) =>
  error(
    'ResourceConflictException',
    409,
    `The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:000000000000:function:${name}`,
  );

/**
 * `failure`: the catalogue id the recovery must be recorded under. `rules`: what the sandbox does wrong.
 * `artifactBucket`: the deployment is configured with one. `staleLock`: a lock of a dead process is left.
 */
export const RECOVERY_CASES = [
  {
    failure: 'throttling',
    step: 'upload site files (S3 PutObject)',
    rules: [{ service: 's3', operation: 'PutObject', throttle: true, times: 3 }],
  },
  {
    failure: 'throttling',
    step: 'update function code',
    rules: [{ service: 'lambda', operation: 'UpdateFunctionCode', throttle: true, times: 2 }],
  },
  {
    failure: 'throttling',
    step: 'publish version',
    rules: [{ service: 'lambda', operation: 'PublishVersion', throttle: true, times: 2 }],
  },
  {
    failure: 'throttling',
    step: 'API deployment',
    flags: ['--redeploy-api'],
    rules: [{ service: 'apigateway', operation: 'CreateDeployment', throttle: true, times: 1 }],
  },
  {
    failure: 'throttling',
    step: 'create invalidation',
    rules: [{ service: 'cloudfront', operation: 'CreateInvalidation', throttle: true, times: 1 }],
  },
  {
    failure: 'service-unavailable',
    step: 'upload site files (S3 PutObject)',
    rules: [{ service: 's3', operation: 'PutObject', times: 2, ...error('InternalError', 500) }],
  },
  {
    failure: 'service-unavailable',
    step: 'update function configuration',
    rules: [
      {
        service: 'lambda',
        operation: 'UpdateFunctionConfiguration',
        times: 1,
        ...error('ServiceException', 500),
      },
    ],
  },
  {
    failure: 'service-unavailable',
    step: 'move alias',
    rules: [{ service: 'lambda', operation: 'UpdateAlias', times: 1, ...error('ServiceException', 503) }],
  },
  {
    failure: 'service-unavailable',
    step: 'read invalidation status',
    rules: [
      { service: 'cloudfront', operation: 'GetInvalidation', times: 1, ...error('ServiceUnavailable', 503) },
    ],
  },
  {
    failure: 'lambda-update-in-progress',
    step: 'update function code',
    rules: [
      {
        service: 'lambda',
        operation: 'UpdateFunctionCode',
        times: 1,
        ...conflict('omnix-shop-api-development'),
      },
    ],
  },
  {
    failure: 'lambda-update-in-progress',
    step: 'update function configuration',
    rules: [
      {
        service: 'lambda',
        operation: 'UpdateFunctionConfiguration',
        times: 1,
        ...conflict('omnix-shop-api-development'),
      },
    ],
  },
  {
    failure: 'lambda-update-in-progress',
    step: 'publish version',
    rules: [
      { service: 'lambda', operation: 'PublishVersion', times: 1, ...conflict('omnix-shop-api-development') },
    ],
  },
  {
    failure: 'lambda-update-in-progress',
    step: 'move alias',
    rules: [
      { service: 'lambda', operation: 'UpdateAlias', times: 1, ...conflict('omnix-shop-api-development') },
    ],
  },
  {
    failure: 'lambda-package-too-large',
    step: 'update function code (direct upload refused)',
    artifactBucket: true,
    rules: [
      {
        service: 'lambda',
        operation: 'UpdateFunctionCode',
        times: 1,
        ...error(
          'RequestEntityTooLargeException',
          413,
          'Request must be smaller than 52428800 bytes for the UpdateFunctionCode operation',
        ),
      },
    ],
  },
  {
    failure: 'too-many-invalidations',
    step: 'create invalidation (refused once: merged into /*)',
    rules: [
      {
        service: 'cloudfront',
        operation: 'CreateInvalidation',
        times: 1,
        ...error('TooManyInvalidationsInProgress', 400),
      },
    ],
  },
  {
    failure: 'too-many-invalidations',
    step: 'create invalidation (refused 3 times: merged, then waited)',
    rules: [
      {
        service: 'cloudfront',
        operation: 'CreateInvalidation',
        times: 3,
        ...error('TooManyInvalidationsInProgress', 400),
      },
    ],
  },
  {
    failure: 'credentials-expired',
    step: 'upload site files (S3 PutObject)',
    rules: [
      {
        service: 's3',
        operation: 'PutObject',
        times: 1,
        ...error('ExpiredToken', 400, 'The provided token has expired.'),
      },
    ],
  },
  {
    failure: 'credentials-expired',
    step: 'update function code',
    rules: [
      {
        service: 'lambda',
        operation: 'UpdateFunctionCode',
        times: 1,
        ...error('ExpiredTokenException', 403, 'The security token included in the request is expired'),
      },
    ],
  },
  {
    failure: 'credentials-expired',
    step: 'create invalidation',
    rules: [
      {
        service: 'cloudfront',
        operation: 'CreateInvalidation',
        times: 1,
        ...error('ExpiredToken', 403, 'The security token included in the request is expired'),
      },
    ],
  },
  {
    failure: 'lock-held-stale',
    step: 'take the lock (holder dead on this host)',
    staleLock: true,
    rules: [],
  },
];

/** The environment's overrides a case deploys with: a changed memory size, so the configuration is updated too. */
export const changedConfiguration = (index, artifactBucket) => ({
  OMNIX__BACKEND__FUNCTIONS__API__MEMORY_MB: String(256 + 64 * (index + 1)),
  ...(artifactBucket ? { OMNIX__BACKEND__ARTIFACT_BUCKET: ARTIFACT_BUCKET } : {}),
});
