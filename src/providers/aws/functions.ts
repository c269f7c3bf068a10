import {
  CreateAliasCommand,
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  type LambdaClient,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { OmnixError } from '../../core/errors.js';
import { pollUntil } from '../../core/poll.js';
import { fromAwsError } from './errors.js';
import { type Recoveries, type Remedy, recovering } from './recoveries.js';

/** A function as it should be after the deployment. */
export interface DesiredFunction {
  key: string;
  name: string;
  /** CodeSha256 of the local package. */
  codeSha256: string;
  runtime: string;
  handler: string;
  memoryMb: number;
  timeoutSeconds: number;
  environment: Record<string, string>;
  description?: string;
  alias: string;
}

/** A function as it is live: $LATEST, and what its alias points at. */
export interface LiveFunction {
  name: string;
  codeSha256: string;
  runtime: string;
  handler: string;
  memorySize: number;
  timeout: number;
  environment: Record<string, string>;
  description: string;
  /** The version the alias points at and that version's CodeSha256; undefined when the alias does not exist. */
  alias?: { version: string; codeSha256: string };
}

/** Lambda takes a zip in the request only up to 50 MB; larger packages go through S3. */
export const DIRECT_UPLOAD_LIMIT = 50 * 1024 * 1024;

const notFound = (error: unknown) => (error as { name?: string }).name === 'ResourceNotFoundException';

/** $LATEST and what the alias serves; undefined when the function does not exist. */
export async function readLiveFunction(
  lambda: LambdaClient,
  name: string,
  alias: string,
): Promise<LiveFunction | undefined> {
  try {
    const latest = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    let aliasInfo: LiveFunction['alias'];
    try {
      const target = await lambda.send(new GetAliasCommand({ FunctionName: name, Name: alias }));
      const version = target.FunctionVersion ?? '$LATEST';
      const config = await lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: version }),
      );
      aliasInfo = { version, codeSha256: config.CodeSha256 ?? '' };
    } catch (error) {
      if (!notFound(error)) throw error;
    }
    return {
      name,
      codeSha256: latest.CodeSha256 ?? '',
      runtime: latest.Runtime ?? '',
      handler: latest.Handler ?? '',
      memorySize: latest.MemorySize ?? 128,
      timeout: latest.Timeout ?? 3,
      environment: latest.Environment?.Variables ?? {},
      description: latest.Description ?? '',
      ...(aliasInfo ? { alias: aliasInfo } : {}),
    };
  } catch (error) {
    if (notFound(error)) return undefined;
    throw fromAwsError(error, `reading function ${name}`);
  }
}

/** Waits until the function's last update is Successful (a Failed update is an error). */
async function waitUntilUpdated(lambda: LambdaClient, name: string): Promise<string> {
  return pollUntil(`function ${name} to finish updating`, async () => {
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    if (config.LastUpdateStatus === 'Failed') {
      throw new OmnixError(
        'FunctionUpdateFailed',
        `the update of ${name} failed: ${config.LastUpdateStatusReason ?? 'no reason given'}`,
      );
    }
    return config.LastUpdateStatus === 'Successful' && config.State !== 'Pending'
      ? (config.RevisionId ?? '')
      : undefined;
  });
}

/**
 * ResourceConflictException: an update of the function started elsewhere is in progress. Waits until its
 * LastUpdateStatus leaves InProgress (a Failed update ends the wait with an error), then sends again.
 */
function afterUpdateInProgress<T>(
  lambda: LambdaClient,
  name: string,
  operation: string,
  send: () => Promise<T>,
): Remedy<T> {
  return {
    failure: 'lambda-update-in-progress',
    recover: async () => {
      const started = Date.now();
      await waitUntilFunctionUpdatedV2(
        { client: lambda, maxWaitTime: 300, minDelay: 1, maxDelay: 5 },
        { FunctionName: name },
      );
      const waited = ((Date.now() - started) / 1000).toFixed(1);
      return {
        value: await send(),
        action: `waited ${waited} s for the LastUpdateStatus of ${name} to be Successful, then sent ${operation} again`,
      };
    },
  };
}

/** Sends a Lambda update, waiting out an update in progress elsewhere when the agent is on. */
function sendUpdate<T>(
  lambda: LambdaClient,
  recoveries: Recoveries | undefined,
  name: string,
  operation: string,
  send: () => Promise<T>,
): Promise<T> {
  return recovering(recoveries, operation, send, [afterUpdateInProgress(lambda, name, operation, send)]);
}

const megabytes = (bytes: number) => (bytes / 1048576).toFixed(1);

export async function updateCode(
  lambda: LambdaClient,
  s3: S3Client,
  name: string,
  zip: Buffer,
  codeSha256: string,
  artifactBucket: string | undefined,
  recoveries?: Recoveries,
): Promise<void> {
  const key = `omnix/${name}/${Buffer.from(codeSha256, 'base64').toString('hex')}.zip`;
  const throughBucket = async (bucket: string) => {
    // S3 refuses a body whose SHA-256 is not the one planned.
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: zip, ChecksumSHA256: codeSha256 }));
    await sendUpdate(lambda, recoveries, name, 'UpdateFunctionCode', () =>
      lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, S3Bucket: bucket, S3Key: key })),
    );
  };
  try {
    await waitUntilUpdated(lambda, name);
    if (zip.length > DIRECT_UPLOAD_LIMIT) {
      if (!artifactBucket) throw packageTooLarge(name, zip.length);
      await throughBucket(artifactBucket);
    } else {
      const direct = async () => {
        await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zip }));
      };
      await recovering(recoveries, 'UpdateFunctionCode', direct, [
        afterUpdateInProgress(lambda, name, 'UpdateFunctionCode', direct),
        // Lambda limits the request, not the zip: a package a little under 50 MB can still be refused.
        ...(artifactBucket
          ? [
              {
                failure: 'lambda-package-too-large' as const,
                recover: async () => ({
                  value: await throughBucket(artifactBucket),
                  action: `uploaded the ${megabytes(zip.length)} MB package of ${name} to s3://${artifactBucket}/${key} and updated the function from there`,
                }),
              },
            ]
          : []),
      ]);
    }
    await waitUntilUpdated(lambda, name);
  } catch (error) {
    if ((error as { name?: string }).name === 'RequestEntityTooLargeException' && !artifactBucket)
      throw packageTooLarge(name, zip.length, error);
    throw fromAwsError(error, `updating the code of ${name}`);
  }
}

function packageTooLarge(name: string, bytes: number, cause?: unknown): OmnixError {
  const size = `${megabytes(bytes)} MB`;
  return new OmnixError(
    'PackageTooLarge',
    cause
      ? `Lambda refused the ${size} package of ${name} as too large for a direct upload; set backend.artifactBucket so that it goes through S3`
      : `the package of ${name} is ${size}; Lambda takes at most 50 MB directly: set backend.artifactBucket so that it goes through S3`,
    { hint: 'Set backend.artifactBucket: larger packages go through S3.', ...(cause ? { cause } : {}) },
  );
}

export async function updateConfiguration(
  lambda: LambdaClient,
  fn: DesiredFunction,
  recoveries?: Recoveries,
): Promise<void> {
  try {
    await waitUntilUpdated(lambda, fn.name);
    await sendUpdate(lambda, recoveries, fn.name, 'UpdateFunctionConfiguration', () =>
      lambda.send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: fn.name,
          Runtime: fn.runtime as never,
          Handler: fn.handler,
          MemorySize: fn.memoryMb,
          Timeout: fn.timeoutSeconds,
          Environment: { Variables: fn.environment },
          Description: fn.description ?? '',
        }),
      ),
    );
    await waitUntilUpdated(lambda, fn.name);
  } catch (error) {
    throw fromAwsError(error, `updating the configuration of ${fn.name}`);
  }
}

/** Publishes $LATEST, but only if it still is the code this deployment uploaded. */
export async function publishVersion(
  lambda: LambdaClient,
  name: string,
  codeSha256: string,
  recoveries?: Recoveries,
): Promise<string> {
  try {
    // The revision is read again for a retry: the update waited for may have been someone else's, and
    // then CodeSha256 refuses to publish it.
    const publish = async () =>
      lambda.send(
        new PublishVersionCommand({
          FunctionName: name,
          CodeSha256: codeSha256,
          RevisionId: await waitUntilUpdated(lambda, name),
        }),
      );
    const published = await sendUpdate(lambda, recoveries, name, 'PublishVersion', publish);
    return published.Version!;
  } catch (error) {
    throw fromAwsError(error, `publishing a version of ${name}`);
  }
}

/**
 * Points the alias at a version, with all its traffic or, given `weights`, all but the share routed to
 * other versions (`{ "4": 0.1 }`); creates it if missing.
 */
export async function pointAlias(
  lambda: LambdaClient,
  name: string,
  alias: string,
  version: string,
  weights: Record<string, number> = {},
  recoveries?: Recoveries,
): Promise<void> {
  try {
    await sendUpdate(lambda, recoveries, name, 'UpdateAlias', () =>
      lambda.send(
        new UpdateAliasCommand({
          FunctionName: name,
          Name: alias,
          FunctionVersion: version,
          RoutingConfig: { AdditionalVersionWeights: weights },
        }),
      ),
    );
  } catch (error) {
    if (!notFound(error)) throw fromAwsError(error, `moving alias ${alias} of ${name}`);
    await lambda.send(new CreateAliasCommand({ FunctionName: name, Name: alias, FunctionVersion: version }));
  }
}
