import { strToU8, zipSync } from 'fflate';
import { type BootstrapApi, bootstrapApi } from './bootstrap-api.js';
import { type AwsClientSettings, createAwsClients } from './clients.js';

/** What to create so that a first deployment of an environment can run. */
export interface BootstrapPlan {
  frontend?: { bucket: string; rootObject: string };
  artifactBucket?: string;
  functions: Array<{
    name: string;
    runtime: string;
    handler: string;
    memoryMb: number;
    timeoutSeconds: number;
    environment: Record<string, string>;
    alias: string;
  }>;
  api?: BootstrapApi;
}

export interface BootstrapResult {
  created: string[];
  existing: string[];
  distributionId?: string;
  /** The API's id, whatever its kind. */
  apiId?: string;
  /** The REST API's id (REST APIs only). */
  restApiId?: string;
}

const PLACEHOLDER_BODY = JSON.stringify({ message: 'Nothing deployed yet: run omnix deploy.' });

/** A package whose handler answers 503 until the first deployment replaces it. */
export function placeholderPackage(handler: string): Uint8Array {
  const dot = handler.lastIndexOf('.');
  const file = `${handler.slice(0, dot)}.mjs`;
  const exported = handler.slice(dot + 1);
  const source = `export const ${exported} = async () => ({ statusCode: 503, headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(PLACEHOLDER_BODY)} });\n`;
  return zipSync({ [file]: strToU8(source) }, { mtime: new Date('2000-01-01T00:00:00Z') });
}

/**
 * Creates what the plan names, leaving alone what already exists: a versioned bucket with a
 * CloudFront distribution in front, functions (placeholder code, version 1, the alias), and the API
 * (REST or HTTP) whose stage proxies to the API function's alias, or, when omnix owns its routes, empty.
 */
export async function bootstrapResources(
  settings: AwsClientSettings,
  accountId: string,
  plan: BootstrapPlan,
): Promise<BootstrapResult> {
  const clients = createAwsClients(settings);
  const result: BootstrapResult = { created: [], existing: [] };
  const note = (created: boolean, what: string) => (created ? result.created : result.existing).push(what);

  const s3sdk = await import('@aws-sdk/client-s3');
  const s3 = await clients.s3();
  const ensureBucket = async (bucket: string) => {
    try {
      await s3.send(new s3sdk.CreateBucketCommand({ Bucket: bucket }));
      note(true, `bucket ${bucket}`);
    } catch (error) {
      if ((error as { name?: string }).name !== 'BucketAlreadyOwnedByYou') throw error;
      note(false, `bucket ${bucket}`);
    }
    await s3.send(
      new s3sdk.PutBucketVersioningCommand({
        Bucket: bucket,
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
  };

  if (plan.frontend) {
    await ensureBucket(plan.frontend.bucket);
    const cf = await import('@aws-sdk/client-cloudfront');
    const cloudFront = await clients.cloudFront();
    let existing: string | undefined;
    for await (const page of cf.paginateListDistributions({ client: cloudFront }, {})) {
      existing ??= page.DistributionList?.Items?.find((d) =>
        d.Origins?.Items?.some((o) => o.DomainName?.startsWith(`${plan.frontend!.bucket}.s3.`)),
      )?.Id;
    }
    if (existing) {
      result.distributionId = existing;
      note(false, `distribution ${existing}`);
    } else {
      const created = await cloudFront.send(
        new cf.CreateDistributionCommand({
          DistributionConfig: {
            CallerReference: `omnix-bootstrap-${plan.frontend.bucket}`,
            Comment: `${plan.frontend.bucket} (created by omnix sandbox --bootstrap)`,
            Enabled: true,
            DefaultRootObject: plan.frontend.rootObject,
            Origins: {
              Quantity: 1,
              Items: [
                {
                  Id: 's3-site',
                  DomainName: `${plan.frontend.bucket}.s3.${settings.region}.amazonaws.com`,
                  S3OriginConfig: { OriginAccessIdentity: '' },
                },
              ],
            },
            DefaultCacheBehavior: {
              TargetOriginId: 's3-site',
              ViewerProtocolPolicy: 'redirect-to-https',
              CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
            },
          },
        }),
      );
      result.distributionId = created.Distribution?.Id;
      note(true, `distribution ${created.Distribution?.Id}`);
    }
  }
  if (plan.artifactBucket) await ensureBucket(plan.artifactBucket);

  if (plan.functions.length > 0) {
    const lambdaSdk = await import('@aws-sdk/client-lambda');
    const lambda = await clients.lambda();
    for (const fn of plan.functions) {
      try {
        await lambda.send(new lambdaSdk.GetFunctionCommand({ FunctionName: fn.name }));
        note(false, `function ${fn.name}`);
        continue;
      } catch (error) {
        if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
      }
      await lambda.send(
        new lambdaSdk.CreateFunctionCommand({
          FunctionName: fn.name,
          Runtime: fn.runtime as never,
          Role: `arn:aws:iam::${accountId}:role/omnix-lambda-${fn.name}`.slice(0, 2048),
          Handler: fn.handler,
          MemorySize: fn.memoryMb,
          Timeout: fn.timeoutSeconds,
          Environment: { Variables: fn.environment },
          Code: { ZipFile: placeholderPackage(fn.handler) },
        }),
      );
      await lambdaSdk.waitUntilFunctionActiveV2(
        { client: lambda, maxWaitTime: 60, minDelay: 1 },
        { FunctionName: fn.name },
      );
      const version = await lambda.send(new lambdaSdk.PublishVersionCommand({ FunctionName: fn.name }));
      await lambda.send(
        new lambdaSdk.CreateAliasCommand({
          FunctionName: fn.name,
          Name: fn.alias,
          FunctionVersion: version.Version,
        }),
      );
      note(true, `function ${fn.name} (version ${version.Version}, alias ${fn.alias})`);
    }
  }

  if (plan.api) {
    result.apiId = await bootstrapApi(clients, settings.region, accountId, plan.api, note);
    if (plan.api.type === 'rest') result.restApiId = result.apiId;
  }
  return result;
}
