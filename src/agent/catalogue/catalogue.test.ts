import { describe, expect, it } from 'vitest';
import { OmnixError } from '../../core/errors.js';
import { fromAwsError } from '../../providers/aws/errors.js';
import { classifyError } from '../index.js';
import { CATALOGUE, classify, knownFailure } from './catalogue.js';
import { renderTroubleshooting } from './troubleshooting-doc.js';

const sdkError = (name: string, message: string, status = 400) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('the catalogue of known failures', () => {
  it('has at least 25 entries with unique kebab-case ids, each explained with a remedy', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(25);
    const ids = CATALOGUE.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of CATALOGUE) {
      expect(entry.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(entry.explanation.length).toBeGreaterThan(20);
      expect(entry.remedy.length).toBeGreaterThan(10);
    }
  });

  it('holds the ids automatic recoveries refer to', () => {
    for (const id of [
      'throttling',
      'service-unavailable',
      'lambda-update-in-progress',
      'lambda-package-too-large',
      'too-many-invalidations',
      'credentials-expired',
      'lock-held-stale',
    ])
      expect(knownFailure(id)?.automaticRecovery, id).toBeTruthy();
  });

  it.each([
    [sdkError('ThrottlingException', 'Rate exceeded'), 'throttling'],
    [sdkError('SlowDown', 'Please reduce your request rate.', 503), 'throttling'],
    [sdkError('ServiceUnavailable', 'Service is unavailable', 503), 'service-unavailable'],
    [sdkError('SomethingOdd', 'We encountered an internal error', 502), 'service-unavailable'],
    [
      fromAwsError(
        sdkError(
          'ResourceConflictException',
          'The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:1:function:x',
          409,
        ),
        'updating the code of x',
      ),
      'lambda-update-in-progress',
    ],
    [
      sdkError('RequestEntityTooLargeException', 'Request must be smaller than 70167211 bytes', 413),
      'lambda-package-too-large',
    ],
    [
      sdkError('InvalidParameterValueException', 'Unzipped size must be smaller than 262144000 bytes'),
      'lambda-unzipped-too-large',
    ],
    [
      sdkError(
        'InvalidParameterValueException',
        'The runtime parameter of nodejs12.x is no longer supported for creating or updating AWS Lambda functions.',
      ),
      'runtime-deprecated',
    ],
    [
      sdkError('TooManyInvalidationsInProgress', 'Your request contains too many invalidations.'),
      'too-many-invalidations',
    ],
    [
      fromAwsError(
        sdkError('ExpiredTokenException', 'The security token included in the request is expired'),
        'reading function x',
      ),
      'credentials-expired',
    ],
    [
      fromAwsError(
        sdkError(
          'AccessDeniedException',
          'User is not authorized to perform: lambda:UpdateFunctionCode',
          403,
        ),
        'updating the code of x',
      ),
      'access-denied-lambda',
    ],
    [
      fromAwsError(sdkError('AccessDenied', 'Access Denied', 403), 'uploading a.js to s3://web/a.js'),
      'access-denied-s3',
    ],
    [
      sdkError(
        'KMSAccessDeniedException',
        'Lambda was unable to decrypt the environment variables because KMS access was denied.',
        502,
      ),
      'kms-access-denied',
    ],
    [sdkError('NoSuchBucket', 'The specified bucket does not exist', 404), 'bucket-missing'],
    [
      sdkError(
        'PermanentRedirect',
        'The bucket you are attempting to access must be addressed using the specified endpoint.',
        301,
      ),
      'wrong-region',
    ],
    [
      new OmnixError('Locked', 'staging is locked by ada@laptop (pid 4, process gone: stale)'),
      'lock-held-stale',
    ],
    [new OmnixError('Locked', 'staging is locked by ada@laptop since 10:00'), 'lock-held'],
    [new OmnixError('BuildFailed', 'npm run build exited with 1'), 'build-failed'],
    [new OmnixError('ArtifactMissing', 'web/dist does not exist'), 'artifact-missing'],
  ])('classifies %s as %s', (error, id) => {
    expect(classifyError(error)?.id).toBe(id);
  });

  it('explains a failed health check by the runtime error behind it, else by the check type', () => {
    const check = (type: string, message: string) => ({
      code: 'HealthCheckFailed',
      message: 'the new release is not healthy: 1 health check(s) failed',
      failedChecks: [{ type, message }],
    });
    expect(
      classify(check('lambda', 'Runtime.HandlerNotFound: index.handler is undefined or not exported'))?.id,
    ).toBe('handler-not-found');
    expect(classify(check('lambda', "Runtime.ImportModuleError: Cannot find module 'pg'"))?.id).toBe(
      'import-module-error',
    );
    expect(classify(check('http', 'Task timed out after 3.00 seconds'))?.id).toBe('function-timeout');
    expect(classify(check('lambda', 'Runtime.OutOfMemory'))?.id).toBe('out-of-memory');
    expect(classify(check('http', 'status 500, expected 200'))?.id).toBe('health-check-failed-http');
    expect(classify(check('frontend', 'app.js did not load'))?.id).toBe('health-check-failed-frontend');
    expect(classify({ code: 'SomethingNew', message: 'never seen' })).toBeUndefined();
  });

  it('docs/troubleshooting.md is generated from the catalogue', async () => {
    const text = renderTroubleshooting(CATALOGUE);
    for (const entry of CATALOGUE) expect(text).toContain(`Id: \`${entry.id}\``);
    await expect(text).toMatchFileSnapshot('../../../docs/troubleshooting.md');
  });
});
