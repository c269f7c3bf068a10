import type { KnownFailure } from './known-failure.js';

const DENIED = ['AccessDenied', 'AccessDeniedException', 'AuthorizationError', 'UnauthorizedOperation'];
const deniedFor = (id: string, service: string, pattern: RegExp, actions: string): KnownFailure => ({
  id,
  title: `Access denied by ${service}`,
  recognisedBy: { errors: DENIED, messages: [pattern] },
  explanation: `The AWS identity omnix runs as is not allowed to call ${service} on the resource named.`,
  remedy: `Grant ${actions} on the environment's resources; \`omnix iam-policy <env>\` prints the exact policy the plan needs.`,
  blamesChange: false,
  next: 'fix-and-redeploy',
});

/** Permissions, credentials and regions: the caller, not the change. */
export const ACCESS_FAILURES: KnownFailure[] = [
  {
    id: 'kms-access-denied',
    title: 'KMS denied decrypting the function environment',
    recognisedBy: {
      errors: [
        'KMSAccessDeniedException',
        'KMSDisabledException',
        'KMSNotFoundException',
        'KMSInvalidStateException',
      ],
    },
    explanation:
      "Lambda could not use the KMS key that encrypts the function's environment variables: the function's role or the caller lacks kms:Decrypt, or the key is disabled or gone.",
    remedy:
      "Give the function's execution role (and the deployer) kms:Decrypt on the key, or remove the custom key (KMSKeyArn) to use the AWS managed one.",
    blamesChange: true,
    next: 'fix-and-redeploy',
  },
  deniedFor(
    'access-denied-s3',
    'S3',
    /\bs3\b|s3:\/\/|bucket|PutObject|GetObject|ListObjects|CopyObject/i,
    's3:PutObject, s3:GetObject, s3:ListBucket, s3:DeleteObject and s3:GetObjectVersion',
  ),
  deniedFor(
    'access-denied-lambda',
    'Lambda',
    /lambda|function|alias|UpdateFunction|PublishVersion/i,
    'lambda:GetFunction, lambda:UpdateFunctionCode, lambda:UpdateFunctionConfiguration, lambda:PublishVersion and lambda:UpdateAlias',
  ),
  deniedFor(
    'access-denied-cloudfront',
    'CloudFront',
    /cloudfront|distribution|invalidat/i,
    'cloudfront:GetDistribution, cloudfront:CreateInvalidation and cloudfront:GetInvalidation',
  ),
  deniedFor(
    'access-denied-apigateway',
    'API Gateway',
    /apigateway|rest api|stage|deployment [a-z0-9]+ of/i,
    'apigateway:GET, apigateway:POST and apigateway:PATCH on the REST API',
  ),
  deniedFor(
    'access-denied-ssm',
    'SSM',
    /ssm|parameter/i,
    'ssm:GetParameter (and kms:Decrypt for SecureString parameters)',
  ),
  deniedFor('access-denied', 'AWS', /./, 'the permission named in the message'),
  {
    id: 'credentials-expired',
    title: 'Expired credentials',
    recognisedBy: {
      errors: [
        'ExpiredToken',
        'ExpiredTokenException',
        'ExpiredCredentials',
        'RequestExpired',
        'TokenRefreshRequired',
      ],
    },
    explanation:
      'The session credentials (SSO, assumed role, STS token) expired, before or during the deployment.',
    remedy: 'Refresh them (`aws sso login`, or assume the role again) and run the command again.',
    automaticRecovery:
      'Credentials that expire in the middle of a deployment are read again from the credential chain once, and the step retried.',
    blamesChange: false,
    next: 'retry',
  },
  {
    id: 'credentials-missing',
    title: 'No credentials',
    recognisedBy: { errors: ['CredentialsProviderError', 'NoCredentials'] },
    explanation: 'No AWS credentials were found in the environment, the profile or the SSO cache.',
    remedy:
      'Set AWS_PROFILE (or aws.profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run `aws sso login`.',
    blamesChange: false,
    next: 'retry',
  },
  {
    id: 'credentials-invalid',
    title: 'Invalid credentials',
    recognisedBy: {
      errors: [
        'InvalidClientTokenId',
        'UnrecognizedClientException',
        'InvalidCredentials',
        'SignatureDoesNotMatch',
        'InvalidAccessKeyId',
      ],
    },
    explanation: 'AWS does not know the access key, or the secret key does not match it.',
    remedy:
      'Check which profile and keys are in use (`aws sts get-caller-identity`) and replace the wrong ones.',
    blamesChange: false,
    next: 'retry',
  },
  {
    id: 'wrong-region',
    title: 'Wrong region',
    recognisedBy: {
      errors: [
        'PermanentRedirect',
        'AuthorizationHeaderMalformed',
        'IllegalLocationConstraintException',
        'InvalidRegion',
        'WrongRegion',
      ],
    },
    explanation:
      'The resource lives in another region than the one omnix called (aws.region), so AWS redirects or refuses.',
    remedy:
      "Set aws.region (or the state section's region) to the region the bucket, function and API are in.",
    blamesChange: true,
    next: 'fix-and-redeploy',
  },
];
