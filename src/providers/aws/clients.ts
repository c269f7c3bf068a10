import { OmnixError } from '../../core/errors.js';
import { once } from '../../core/once.js';
import type { CloudFormationOutputs } from './cloudformation.js';
import { chainOrSandboxCredentials } from './credentials.js';
import type { Recoveries } from './recoveries.js';
import type { SsmParameters } from './ssm.js';

export interface AwsClientSettings {
  region: string;
  profile?: string | undefined;
  /** Empty or unset: real AWS. */
  endpoint?: string | undefined;
  retryMode?: 'standard' | 'adaptive';
  maxAttempts?: number;
  /** How long one call keeps being retried under throttling, 5xx and network errors. */
  retryBudgetSeconds?: number;
  /**
   * Fixed credentials; unset uses the SDK's standard credential chain (environment, profile, SSO, role),
   * and at an omnix sandbox endpoint the sandbox's credentials when that chain finds none.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The agent's automatic recovery: told about the SDK's retries, and re-reads expired credentials. */
  recoveries?: Recoveries | undefined;
}

/** The one place that builds AWS SDK clients. Each service's SDK is imported on first use. */
export interface AwsClients {
  /** What the providers' steps recover with (`agent.enabled`); unset, they fail as they always did. */
  readonly recoveries?: Recoveries | undefined;
  cloudFormation(): Promise<CloudFormationOutputs>;
  ssm(): Promise<SsmParameters>;
  /** S3 with path-style addressing when a custom endpoint is set. */
  s3(): Promise<import('@aws-sdk/client-s3').S3Client>;
  cloudFront(): Promise<import('@aws-sdk/client-cloudfront').CloudFrontClient>;
  lambda(): Promise<import('@aws-sdk/client-lambda').LambdaClient>;
  apiGateway(): Promise<import('@aws-sdk/client-api-gateway').APIGatewayClient>;
  /** API Gateway v2: HTTP APIs. */
  apiGatewayV2(): Promise<import('@aws-sdk/client-apigatewayv2').ApiGatewayV2Client>;
  sts(): Promise<import('@aws-sdk/client-sts').STSClient>;
  iam(): Promise<import('@aws-sdk/client-iam').IAMClient>;
  dynamoDb(): Promise<import('@aws-sdk/client-dynamodb').DynamoDBClient>;
  cloudWatch(): Promise<import('@aws-sdk/client-cloudwatch').CloudWatchClient>;
  /** HTTP requests sent so far through these clients, by service (each retry counts): for anomaly detection. */
  requestCounts(): Record<string, number>;
  sns(): Promise<import('@aws-sdk/client-sns').SNSClient>;
}

/** The slice of an SDK client the request counter needs. */
interface Countable {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { step: 'deserialize'; name: string },
    ): void;
  };
}

/** Settings every SDK client gets: region, credentials profile, endpoint, retries (a strategy of its own). */
async function sdkClientConfig(settings: AwsClientSettings) {
  const { budgetedRetryStrategy } = await import('./retry.js');
  const maxAttempts = settings.maxAttempts ?? 20;
  return {
    region: settings.region,
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...credentialsOf(settings),
    maxAttempts,
    retryStrategy: budgetedRetryStrategy({
      maxAttempts,
      budgetMs: (settings.retryBudgetSeconds ?? 180) * 1000,
      adaptive: settings.retryMode === 'adaptive',
    }),
  };
}

function credentialsOf(settings: AwsClientSettings) {
  if (settings.credentials) return { credentials: settings.credentials };
  // Only a custom endpoint can be an omnix sandbox; real AWS keeps the SDK's own chain, unprobed.
  if (settings.endpoint)
    return { credentials: chainOrSandboxCredentials(settings.endpoint, settings.profile) };
  return {};
}

export function createAwsClients(settings: AwsClientSettings): AwsClients {
  const config = () => sdkClientConfig(settings);
  const counts: Record<string, number> = {};
  // The deserialize step runs once per HTTP attempt (inside the retry loop), so retries are counted.
  const counted = <T>(service: string, client: T): T => {
    (client as unknown as Countable).middlewareStack.add(
      (next) => async (args) => {
        counts[service] = (counts[service] ?? 0) + 1;
        return next(args);
      },
      { step: 'deserialize', name: 'omnixRequestCount' },
    );
    return client;
  };
  /** Every client counts its requests and, during a recorded change, recovers from known failures. */
  const prepared = async <C>(service: string, client: C): Promise<C> =>
    settings.recoveries
      ? (await import('./recovering-calls.js')).recoverCalls(counted(service, client), settings.recoveries)
      : counted(service, client);
  return {
    requestCounts: () => ({ ...counts }),
    recoveries: settings.recoveries,
    cloudFormation: once(async () => {
      const [sdk, adapter] = await Promise.all([
        importSdk(() => import('@aws-sdk/client-cloudformation'), '@aws-sdk/client-cloudformation'),
        import('./cloudformation.js'),
      ]);
      return adapter.createCloudFormationOutputs(
        await prepared('cloudformation', new sdk.CloudFormationClient(await config())),
      );
    }),
    ssm: once(async () => {
      const [sdk, adapter] = await Promise.all([
        importSdk(() => import('@aws-sdk/client-ssm'), '@aws-sdk/client-ssm'),
        import('./ssm.js'),
      ]);
      return adapter.createSsmParameters(await prepared('ssm', new sdk.SSMClient(await config())));
    }),
    s3: once(async () => {
      const sdk = await importSdk(() => import('@aws-sdk/client-s3'), '@aws-sdk/client-s3');
      return prepared(
        's3',
        new sdk.S3Client({ ...(await config()), forcePathStyle: Boolean(settings.endpoint) }),
      );
    }),
    cloudFront: once(async () => {
      const sdk = await importSdk(() => import('@aws-sdk/client-cloudfront'), '@aws-sdk/client-cloudfront');
      return prepared('cloudfront', new sdk.CloudFrontClient(await config()));
    }),
    lambda: once(async () => {
      const sdk = await importSdk(() => import('@aws-sdk/client-lambda'), '@aws-sdk/client-lambda');
      return prepared('lambda', new sdk.LambdaClient(await config()));
    }),
    apiGateway: once(async () => {
      const sdk = await importSdk(() => import('@aws-sdk/client-api-gateway'), '@aws-sdk/client-api-gateway');
      return prepared('apigateway', new sdk.APIGatewayClient(await config()));
    }),
    apiGatewayV2: once(async () => {
      const sdk = await importSdk(
        () => import('@aws-sdk/client-apigatewayv2'),
        '@aws-sdk/client-apigatewayv2',
      );
      return prepared('apigateway', new sdk.ApiGatewayV2Client(await config()));
    }),
    sts: once(async () => {
      const sdk = await importSdk(() => import('@aws-sdk/client-sts'), '@aws-sdk/client-sts');
      return prepared('sts', new sdk.STSClient(await config()));
    }),
    iam: once(async () => {
      const sdk = await importSdk(() => import('@aws-sdk/client-iam'), '@aws-sdk/client-iam');
      return prepared('iam', new sdk.IAMClient(await config()));
    }),
    dynamoDb: once(async () => {
      const sdk = await importSdk(() => import('@aws-sdk/client-dynamodb'), '@aws-sdk/client-dynamodb');
      return prepared('dynamodb', new sdk.DynamoDBClient(await config()));
    }),
    cloudWatch: once(async () => {
      const sdk = await importSdk(() => import('@aws-sdk/client-cloudwatch'), '@aws-sdk/client-cloudwatch');
      return prepared('cloudwatch', new sdk.CloudWatchClient(await config()));
    }),
    sns: once(async () => {
      const sdk = await importSdk(() => import('@aws-sdk/client-sns'), '@aws-sdk/client-sns');
      return prepared('sns', new sdk.SNSClient(await config()));
    }),
  };
}

async function importSdk<T>(load: () => Promise<T>, name: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new OmnixError('MissingDependency', `the AWS SDK package ${name} could not be loaded`, {
      hint: `Install it: npm install ${name}`,
      cause: error,
    });
  }
}
