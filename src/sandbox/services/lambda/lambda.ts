import type { ResolvedSandboxOptions } from '../../options.js';
import type { Persistence } from '../../persistence.js';
import { AwsError } from '../../protocol/aws-error.js';
import { readJsonBody } from '../../protocol/json-body.js';
import {
  jsonResponse,
  type SandboxRequest,
  type SandboxResponse,
  type SandboxService,
} from '../../service.js';
import type { S3Store } from '../s3/store.js';
import { checkZip, codeSha256, extractedCode } from './code.js';
import { aliasJson, configurationJson, sameVersion } from './configuration.js';
import { type InvocationResult, invokeHandler } from './invoke.js';
import type { AliasRecord, FunctionRecord, FunctionVersion } from './model.js';
import { LambdaState, lambdaTimestamp, newRevision } from './state.js';

type Body = Record<string, unknown>;
const ALIAS_NAME = /^(?!\d+$)[a-zA-Z0-9-_]{1,128}$/;

const invalid = (message: string) =>
  new AwsError('InvalidParameterValueException', message, 400, { Type: 'User' });

const readJson = (request: SandboxRequest): Body =>
  readJsonBody(
    request,
    () => new AwsError('SerializationException', 'The request body is not valid JSON', 400),
  );

function checkLimits(body: Body): void {
  if (
    body.MemorySize !== undefined &&
    (!Number.isInteger(body.MemorySize) || Number(body.MemorySize) < 128 || Number(body.MemorySize) > 10_240)
  ) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${String(body.MemorySize)}' at 'memorySize' failed to satisfy constraint: Member must have value between 128 and 10240`,
      400,
    );
  }
  if (
    body.Timeout !== undefined &&
    (!Number.isInteger(body.Timeout) || Number(body.Timeout) < 1 || Number(body.Timeout) > 900)
  ) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${String(body.Timeout)}' at 'timeout' failed to satisfy constraint: Member must have value between 1 and 900`,
      400,
    );
  }
}

/** Lets other services (API Gateway) invoke a function by ARN, qualifier included. */
export type LambdaInvoker = (functionArn: string, event: unknown) => Promise<InvocationResult>;

export function createLambdaService(
  options: ResolvedSandboxOptions,
  persistence: Persistence,
  s3: S3Store,
): { service: SandboxService; invoke: LambdaInvoker } {
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
  const ok = (body: unknown, status = 200) => jsonResponse(body, status);

  type Handler = (request: SandboxRequest, params: string[]) => Promise<SandboxResponse> | SandboxResponse;
  const routes: Array<[string, RegExp, string, Handler]> = [
    [
      'POST',
      /^\/2015-03-31\/functions\/?$/,
      'CreateFunction',
      (request) => {
        const body = readJson(request);
        const name = String(body.FunctionName ?? '');
        if (state.has(name))
          throw new AwsError('ResourceConflictException', `Function already exist: ${name}`, 409, {
            Type: 'User',
          });
        if (typeof body.Role !== 'string' || !body.Role)
          throw invalid('The role defined for the function cannot be assumed by Lambda.');
        if (typeof body.Runtime !== 'string')
          throw invalid('Runtime is required for a function packaged as a .zip file.');
        if (typeof body.Handler !== 'string')
          throw invalid('Handler is required for a function packaged as a .zip file.');
        checkLimits(body);
        const now = lambdaTimestamp();
        const latest: FunctionVersion = {
          version: '$LATEST',
          runtime: body.Runtime,
          role: body.Role,
          handler: body.Handler,
          description: String(body.Description ?? ''),
          timeout: Number(body.Timeout ?? 3),
          memorySize: Number(body.MemorySize ?? 128),
          environment:
            ((body.Environment as Body | undefined)?.Variables as Record<string, string> | undefined) ?? {},
          architectures: (body.Architectures as string[] | undefined) ?? ['x86_64'],
          ...loadCode((body.Code as Body | undefined) ?? {}),
          revisionId: newRevision(),
          lastModified: now,
        };
        const record: FunctionRecord = {
          name,
          created: new Date().toISOString(),
          latest,
          versions: [],
          aliases: {},
          nextVersion: 1,
        };
        if (body.Publish === true) publish(record);
        state.create(record);
        return ok(
          configurationJson(
            state,
            record,
            body.Publish === true ? record.versions.at(-1)! : latest,
            region(request),
          ),
          201,
        );
      },
    ],
    [
      'GET',
      /^\/2015-03-31\/functions\/([^/]+)\/?$/,
      'GetFunction',
      (request, [reference]) => {
        const { record, version } = lookup(request, reference!);
        return ok({
          Configuration: configurationJson(state, record, version, region(request)),
          Code: {
            RepositoryType: 'S3',
            Location: `https://awslambda-sandbox.s3.amazonaws.com/${version.codeBlob}`,
          },
        });
      },
    ],
    [
      'GET',
      /^\/2015-03-31\/functions\/([^/]+)\/configuration$/,
      'GetFunctionConfiguration',
      (request, [reference]) => {
        const { record, version } = lookup(request, reference!);
        return ok(configurationJson(state, record, version, region(request)));
      },
    ],
    [
      'PUT',
      /^\/2015-03-31\/functions\/([^/]+)\/code$/,
      'UpdateFunctionCode',
      (request, [reference]) => {
        const body = readJson(request);
        const record = state.get(state.parse(decodeURIComponent(reference!)).name, region(request));
        state.assertNotUpdating(record, region(request));
        checkRevision(body, record.latest.revisionId);
        const code = loadCode(body);
        record.latest = {
          ...record.latest,
          ...code,
          ...(Array.isArray(body.Architectures) ? { architectures: body.Architectures as string[] } : {}),
          revisionId: newRevision(),
          lastModified: lambdaTimestamp(),
          updateStartedAt: new Date().toISOString(),
        };
        if (body.Publish === true) publish(record);
        state.save(record);
        return ok(
          configurationJson(
            state,
            record,
            body.Publish === true ? record.versions.at(-1)! : record.latest,
            region(request),
          ),
        );
      },
    ],
    [
      'PUT',
      /^\/2015-03-31\/functions\/([^/]+)\/configuration$/,
      'UpdateFunctionConfiguration',
      (request, [reference]) => {
        const body = readJson(request);
        const record = state.get(state.parse(decodeURIComponent(reference!)).name, region(request));
        state.assertNotUpdating(record, region(request));
        checkRevision(body, record.latest.revisionId);
        checkLimits(body);
        const latest = record.latest;
        record.latest = {
          ...latest,
          runtime: typeof body.Runtime === 'string' ? body.Runtime : latest.runtime,
          role: typeof body.Role === 'string' ? body.Role : latest.role,
          handler: typeof body.Handler === 'string' ? body.Handler : latest.handler,
          description: typeof body.Description === 'string' ? body.Description : latest.description,
          timeout: body.Timeout !== undefined ? Number(body.Timeout) : latest.timeout,
          memorySize: body.MemorySize !== undefined ? Number(body.MemorySize) : latest.memorySize,
          environment:
            body.Environment !== undefined
              ? (((body.Environment as Body).Variables as Record<string, string>) ?? {})
              : latest.environment,
          revisionId: newRevision(),
          lastModified: lambdaTimestamp(),
          updateStartedAt: new Date().toISOString(),
        };
        state.save(record);
        return ok(configurationJson(state, record, record.latest, region(request)));
      },
    ],
    [
      'POST',
      /^\/2015-03-31\/functions\/([^/]+)\/versions$/,
      'PublishVersion',
      (request, [reference]) => {
        const body = readJson(request);
        const record = state.get(state.parse(decodeURIComponent(reference!)).name, region(request));
        state.assertNotUpdating(record, region(request));
        checkRevision(body, record.latest.revisionId);
        if (typeof body.CodeSha256 === 'string' && body.CodeSha256 !== record.latest.codeSha256) {
          throw invalid(
            `CodeSHA256 (${body.CodeSha256}) is different from current CodeSHA256 in $LATEST (${record.latest.codeSha256}). Please try again with the current CodeSHA256.`,
          );
        }
        const version = publish(record, typeof body.Description === 'string' ? body.Description : undefined);
        state.save(record);
        return ok(configurationJson(state, record, version, region(request)), 201);
      },
    ],
    [
      'GET',
      /^\/2015-03-31\/functions\/([^/]+)\/versions$/,
      'ListVersionsByFunction',
      (request, [reference]) => {
        const record = state.get(state.parse(decodeURIComponent(reference!)).name, region(request));
        const all = [record.latest, ...record.versions];
        const { items, next } = page(all, request, (v) => v.version);
        return ok({
          Versions: items.map((v) => configurationJson(state, record, v, region(request))),
          ...(next ? { NextMarker: next } : {}),
        });
      },
    ],
    [
      'POST',
      /^\/2015-03-31\/functions\/([^/]+)\/aliases$/,
      'CreateAlias',
      (request, [reference]) => {
        const body = readJson(request);
        const record = state.get(state.parse(decodeURIComponent(reference!)).name, region(request));
        const name = String(body.Name ?? '');
        if (!ALIAS_NAME.test(name))
          throw new AwsError('ValidationException', `Alias name '${name}' is not valid`, 400);
        if (record.aliases[name])
          throw new AwsError(
            'ResourceConflictException',
            `Alias already exists: ${state.arn(region(request), record.name, name)}`,
            409,
            { Type: 'User' },
          );
        const alias: AliasRecord = {
          name,
          functionVersion: checkTargetVersion(record, String(body.FunctionVersion ?? ''), request),
          description: String(body.Description ?? ''),
          additionalVersionWeights: checkWeights(record, body, request),
          revisionId: newRevision(),
        };
        record.aliases[name] = alias;
        state.save(record);
        return ok(aliasJson(state, record, alias, region(request)), 201);
      },
    ],
    [
      'GET',
      /^\/2015-03-31\/functions\/([^/]+)\/aliases$/,
      'ListAliases',
      (request, [reference]) => {
        const record = state.get(state.parse(decodeURIComponent(reference!)).name, region(request));
        const { items, next } = page(
          Object.values(record.aliases).sort((a, b) => a.name.localeCompare(b.name)),
          request,
          (a) => a.name,
        );
        return ok({
          Aliases: items.map((a) => aliasJson(state, record, a, region(request))),
          ...(next ? { NextMarker: next } : {}),
        });
      },
    ],
    [
      'GET',
      /^\/2015-03-31\/functions\/([^/]+)\/aliases\/([^/]+)$/,
      'GetAlias',
      (request, [reference, aliasName]) => {
        const record = state.get(state.parse(decodeURIComponent(reference!)).name, region(request));
        return ok(
          aliasJson(state, record, aliasOf(record, decodeURIComponent(aliasName!), request), region(request)),
        );
      },
    ],
    [
      'PUT',
      /^\/2015-03-31\/functions\/([^/]+)\/aliases\/([^/]+)$/,
      'UpdateAlias',
      (request, [reference, aliasName]) => {
        const body = readJson(request);
        const record = state.get(state.parse(decodeURIComponent(reference!)).name, region(request));
        const alias = aliasOf(record, decodeURIComponent(aliasName!), request);
        checkRevision(body, alias.revisionId);
        const updated: AliasRecord = {
          ...alias,
          ...(body.FunctionVersion !== undefined
            ? { functionVersion: checkTargetVersion(record, String(body.FunctionVersion), request) }
            : {}),
          ...(typeof body.Description === 'string' ? { description: body.Description } : {}),
          ...(body.RoutingConfig !== undefined
            ? { additionalVersionWeights: checkWeights(record, body, request) }
            : {}),
          revisionId: newRevision(),
        };
        record.aliases[updated.name] = updated;
        state.save(record);
        return ok(aliasJson(state, record, updated, region(request)));
      },
    ],
    [
      'POST',
      /^\/2015-03-31\/functions\/([^/]+)\/invocations$/,
      'Invoke',
      async (request, [reference]) => {
        const { record, version } = lookup(request, reference!);
        if (!version.runtime.startsWith('nodejs')) {
          throw new AwsError(
            'InvalidRuntimeException',
            `The sandbox runs Node.js functions only; ${record.name} uses ${version.runtime}.`,
            502,
            { Type: 'User' },
          );
        }
        let event: unknown = {};
        const text = request.body.toString('utf8');
        if (text.trim() !== '') {
          try {
            event = JSON.parse(text);
          } catch {
            throw new AwsError(
              'InvalidRequestContentException',
              'Could not parse request body into json',
              400,
              { Type: 'User' },
            );
          }
        }
        const invocationType = request.headers.get('x-amz-invocation-type') ?? 'RequestResponse';
        if (invocationType === 'DryRun')
          return { status: 204, headers: { 'x-amz-executed-version': version.version } };
        const target = {
          functionName: record.name,
          functionArn: state.arn(
            region(request),
            record.name,
            state.parse(decodeURIComponent(reference!)).qualifier,
          ),
          region: region(request),
          config: version,
          codeDir: extractedCode(persistence.getBlob(version.codeBlob)),
        };
        if (invocationType === 'Event') {
          void invokeHandler(target, event);
          return { status: 202, headers: { 'x-amz-executed-version': version.version } };
        }
        const result = await invokeHandler(target, event);
        return {
          status: 200,
          headers: {
            'content-type': 'application/json',
            'x-amz-executed-version': version.version,
            ...(result.functionError ? { 'x-amz-function-error': result.functionError } : {}),
            ...(request.headers.get('x-amz-log-type') === 'Tail'
              ? { 'x-amz-log-result': Buffer.from(result.logs.slice(-4096)).toString('base64') }
              : {}),
          },
          body: JSON.stringify(result.payload),
        };
      },
    ],
  ];

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

  const invoke: LambdaInvoker = async (functionArn, event) => {
    const parsed = state.parse(functionArn);
    const arnRegion = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):/.exec(functionArn)?.[1] ?? 'us-east-1';
    const record = state.get(parsed.name, arnRegion);
    const { version } = state.resolve(record, parsed.qualifier, arnRegion);
    return invokeHandler(
      {
        functionName: record.name,
        functionArn,
        region: arnRegion,
        config: version,
        codeDir: extractedCode(persistence.getBlob(version.codeBlob)),
      },
      event,
    );
  };

  const service: SandboxService = {
    name: 'lambda',
    renderError(error) {
      return {
        status: error.status,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code, ...error.headers },
        body: JSON.stringify({
          Type: error.extra.Type ?? (error.status >= 500 ? 'Service' : 'User'),
          message: error.message,
        }),
      };
    },
    route(request) {
      for (const [method, pattern, name, handle] of routes) {
        const match = pattern.exec(request.rawPath);
        if (match && method === request.method) return { name, run: () => handle(request, match.slice(1)) };
      }
      throw new AwsError(
        'UnknownOperationException',
        `The sandbox does not implement ${request.method} ${request.rawPath}`,
        404,
      );
    },
  };
  return { service, invoke };
}
