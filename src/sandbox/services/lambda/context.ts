import type { ResolvedSandboxOptions } from '../../options.js';
import type { Persistence } from '../../persistence.js';
import { AwsError } from '../../protocol/aws-error.js';
import { readJsonBody } from '../../protocol/json-body.js';
import { jsonResponse, type SandboxRequest, type SandboxResponse } from '../../service.js';
import type { S3Store } from '../s3/store.js';
import { checkZip, codeSha256 } from './code.js';
import { sameVersion } from './configuration.js';
import type { AliasRecord, FunctionRecord, FunctionVersion } from './model.js';
import { LambdaState, newRevision } from './state.js';

export type Body = Record<string, unknown>;
export const ALIAS_NAME = /^(?!\d+$)[a-zA-Z0-9-_]{1,128}$/;

export const invalid = (message: string) =>
  new AwsError('InvalidParameterValueException', message, 400, { Type: 'User' });

export const readJson = (request: SandboxRequest): Body =>
  readJsonBody(
    request,
    () => new AwsError('SerializationException', 'The request body is not valid JSON', 400),
  );

/** Lambda's limits on memory (128–10240 MB) and timeout (1–900 s), with its own error wording. */
export function checkLimits(body: Body): void {
  const check = (value: unknown, field: string, min: number, max: number) => {
    if (value === undefined || (Number.isInteger(value) && Number(value) >= min && Number(value) <= max))
      return;
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
      400,
    );
  };
  check(body.MemorySize, 'memorySize', 128, 10_240);
  check(body.Timeout, 'timeout', 1, 900);
}

/** One route: method, path pattern, operation name (as in the API reference), handler. */
export type Route = [
  string,
  RegExp,
  string,
  (request: SandboxRequest, params: string[]) => Promise<SandboxResponse> | SandboxResponse,
];

/** What every Lambda route works with: the state, the stores, and the checks AWS applies. */
export type LambdaContext = ReturnType<typeof createLambdaContext>;

export function createLambdaContext(options: ResolvedSandboxOptions, persistence: Persistence, s3: S3Store) {
  const state = new LambdaState(options, persistence);

  /** The zip from `ZipFile` (base64) or an S3 location, stored and described. */
  const loadCode = (code: Body) => {
    let zip: Buffer;
    if (typeof code.ZipFile === 'string') zip = Buffer.from(code.ZipFile, 'base64');
    else if (typeof code.S3Bucket === 'string' && typeof code.S3Key === 'string') {
      const versions = s3.versions(code.S3Bucket, code.S3Key);
      const version = code.S3ObjectVersion
        ? versions.find((v) => v.versionId === code.S3ObjectVersion)
        : versions.at(-1);
      if (!version || version.deleteMarker) {
        throw invalid(
          `Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.`,
        );
      }
      zip = persistence.getBlob(version.blob);
    } else throw invalid('Please provide a source for function code (ZipFile, or S3Bucket and S3Key).');
    checkZip(zip);
    return { codeBlob: persistence.putBlob(zip), codeSha256: codeSha256(zip), codeSize: zip.length };
  };

  const region = (request: SandboxRequest) => request.scope?.region ?? 'us-east-1';
  /** The function a path segment names (name, ARN, or name:qualifier). */
  const functionOf = (request: SandboxRequest, reference: string) =>
    state.get(state.parse(decodeURIComponent(reference)).name, region(request));
  const ok = (body: unknown, status = 200) => jsonResponse(body, status);

  function lookup(request: SandboxRequest, reference: string) {
    const parsed = state.parse(decodeURIComponent(reference));
    const record = state.get(parsed.name, region(request));
    const qualifier = request.query.get('Qualifier') ?? parsed.qualifier;
    return { record, ...state.resolve(record, qualifier, region(request)) };
  }

  /** Publishes $LATEST as a new version, or returns the last version when nothing changed since. */
  function publish(record: FunctionRecord, description?: string): FunctionVersion {
    const last = record.versions.at(-1);
    if (last && sameVersion(last, record.latest)) return last;
    const { updateStartedAt: _updating, ...latest } = record.latest;
    const version: FunctionVersion = {
      ...latest,
      version: String(record.nextVersion),
      ...(description !== undefined ? { description } : {}),
      revisionId: newRevision(),
    };
    record.nextVersion++;
    record.versions.push(version);
    return version;
  }

  function checkRevision(body: Body, current: string): void {
    if (typeof body.RevisionId === 'string' && body.RevisionId !== current) {
      throw new AwsError(
        'PreconditionFailedException',
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
        412,
        { Type: 'User' },
      );
    }
  }

  function checkTargetVersion(record: FunctionRecord, version: string, request: SandboxRequest): string {
    if (version !== '$LATEST' && !record.versions.some((v) => v.version === version)) {
      throw new AwsError(
        'ResourceNotFoundException',
        `Function not found: ${state.arn(region(request), record.name, version)}`,
        404,
        { Type: 'User' },
      );
    }
    return version;
  }

  function checkWeights(record: FunctionRecord, body: Body, request: SandboxRequest): Record<string, number> {
    const weights =
      ((body.RoutingConfig as Body | undefined)?.AdditionalVersionWeights as
        | Record<string, number>
        | undefined) ?? {};
    let total = 0;
    for (const [version, weight] of Object.entries(weights)) {
      checkTargetVersion(record, version, request);
      if (typeof weight !== 'number' || weight < 0 || weight > 1)
        throw invalid(
          `Invalid weight ${String(weight)} for version ${version}: weights are between 0.0 and 1.0.`,
        );
      total += weight;
    }
    if (total > 1) throw invalid('The sum of the additional version weights must not exceed 1.0.');
    return weights;
  }

  function aliasOf(record: FunctionRecord, name: string, request: SandboxRequest): AliasRecord {
    const alias = record.aliases[name];
    if (!alias)
      throw new AwsError(
        'ResourceNotFoundException',
        `Alias not found: ${state.arn(region(request), record.name, name)}`,
        404,
        { Type: 'User' },
      );
    return alias;
  }

  function page<T>(
    items: T[],
    request: SandboxRequest,
    id: (item: T) => string,
  ): { items: T[]; next?: string } {
    const size = Math.min(Number(request.query.get('MaxItems') ?? 50) || 50, options.pageSize);
    const marker = request.query.get('Marker');
    const start = marker ? items.findIndex((item) => id(item) === marker) + 1 : 0;
    const slice = items.slice(start, start + size);
    return { items: slice, ...(start + size < items.length ? { next: id(slice.at(-1)!) } : {}) };
  }

  return {
    options,
    persistence,
    state,
    readJson,
    invalid,
    checkLimits,
    loadCode,
    region,
    functionOf,
    ok,
    lookup,
    publish,
    checkRevision,
    checkTargetVersion,
    checkWeights,
    aliasOf,
    page,
  };
}
