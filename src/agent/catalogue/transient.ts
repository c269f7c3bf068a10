import type { KnownFailure } from './known-failure.js';

/** Failures that pass by themselves: waiting or retrying is the safe answer. */
export const TRANSIENT_FAILURES: KnownFailure[] = [
  {
    id: 'throttling',
    title: 'Throttled by AWS',
    recognisedBy: {
      errors: [
        'Throttling',
        'ThrottlingException',
        'Throttled',
        'TooManyRequestsException',
        'RequestLimitExceeded',
        'SlowDown',
        'ProvisionedThroughputExceededException',
        'RequestThrottled',
      ],
      httpStatus: { from: 429, to: 429 },
    },
    explanation:
      'AWS refused the call because the account sent too many requests to the service for a moment.',
    remedy:
      'Run again in a moment; lower the parallelism of large uploads, or ask AWS for a higher limit if it keeps happening.',
    automaticRecovery:
      'Retried with exponential backoff and jitter (idempotent reads and writes only); each retry is recorded.',
    blamesChange: false,
    next: 'retry',
  },
  {
    id: 'service-unavailable',
    title: 'AWS service error (5xx)',
    recognisedBy: {
      errors: [
        'ServiceUnavailable',
        'ServiceUnavailableException',
        'InternalError',
        'InternalFailure',
        'InternalServerError',
        'InternalServiceError',
        'ServiceException',
        'EC2ThrottledException',
      ],
      httpStatus: { from: 500, to: 599 },
    },
    explanation: 'The AWS service failed to answer (HTTP 5xx): a problem on its side, usually brief.',
    remedy: 'Run again; if it persists, check the AWS Health Dashboard for the region.',
    automaticRecovery: 'Retried with exponential backoff (idempotent steps only); each retry is recorded.',
    blamesChange: false,
    next: 'retry',
  },
  {
    id: 'lambda-update-in-progress',
    title: 'Lambda function update in progress',
    recognisedBy: {
      errors: ['ResourceConflictException'],
      messages: [/update is in progress|in progress|Pending|conflict/i],
    },
    explanation:
      'Lambda refuses a code or configuration change while an earlier update of the function is still being applied (its LastUpdateStatus is InProgress).',
    remedy:
      'Wait until the function shows LastUpdateStatus Successful (`aws lambda get-function-configuration`), then deploy again.',
    automaticRecovery:
      "Waits for the function's LastUpdateStatus to leave InProgress, then retries the same update (it is idempotent: the same code or configuration).",
    blamesChange: false,
    next: 'retry',
  },
  {
    id: 'too-many-invalidations',
    title: 'Too many CloudFront invalidations in progress',
    recognisedBy: { errors: ['TooManyInvalidationsInProgress'] },
    explanation:
      'CloudFront allows a limited number of invalidation paths in progress per distribution (3,000 paths, or 15 wildcard paths).',
    remedy:
      'Wait for the running invalidations to finish, or invalidate fewer paths (a wildcard such as /assets/*).',
    automaticRecovery:
      'Waits for running invalidations to finish and retries, merging the paths into a wildcard when they are many.',
    blamesChange: false,
    next: 'retry',
  },
  {
    id: 'distribution-in-progress',
    title: 'CloudFront distribution still deploying',
    recognisedBy: {
      errors: ['InvalidationTimeout', 'DistributionNotDeployed', 'PreconditionFailed'],
      messages: [/InProgress|not (yet )?deployed|timed out|still/i],
    },
    explanation:
      'The distribution (or its invalidation) is still InProgress: CloudFront takes minutes to spread a change to its edge locations.',
    remedy:
      'Wait until the distribution shows Deployed (`aws cloudfront get-distribution`), then run again; the files are uploaded already.',
    blamesChange: false,
    next: 'retry',
  },
  {
    id: 'endpoint-unreachable',
    title: 'AWS endpoint unreachable',
    recognisedBy: {
      errors: [
        'ECONNREFUSED',
        'ENOTFOUND',
        'EHOSTUNREACH',
        'ENETUNREACH',
        'ETIMEDOUT',
        'EndpointUnreachable',
        'TimeoutError',
      ],
    },
    explanation:
      'omnix could not reach the AWS endpoint (network, proxy, DNS, or a sandbox endpoint that is not running).',
    remedy: 'Check the network and aws.endpoint; for the sandbox, start it (`omnix sandbox start --detach`).',
    blamesChange: false,
    next: 'retry',
  },
];
