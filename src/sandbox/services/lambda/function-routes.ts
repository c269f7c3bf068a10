import { AwsError } from '../../protocol/aws-error.js';
import { lambdaCodeUrl } from './code-download.js';
import { configurationJson } from './configuration.js';
import type { Body, LambdaContext, Route } from './context.js';
import type { FunctionRecord, FunctionVersion } from './model.js';
import { lambdaTimestamp, newRevision } from './state.js';

/** CreateFunction, GetFunction(Configuration), UpdateFunctionCode/Configuration, PublishVersion, ListVersionsByFunction. */
export function functionRoutes(ctx: LambdaContext): Route[] {
  return [
    [
      'POST',
      /^\/2015-03-31\/functions\/?$/,
      'CreateFunction',
      (request) => {
        const body = ctx.readJson(request);
        const name = String(body.FunctionName ?? '');
        if (ctx.state.has(name))
          throw new AwsError('ResourceConflictException', `Function already exist: ${name}`, 409, {
            Type: 'User',
          });
        if (typeof body.Role !== 'string' || !body.Role)
          throw ctx.invalid('The role defined for the function cannot be assumed by Lambda.');
        if (typeof body.Runtime !== 'string')
          throw ctx.invalid('Runtime is required for a function packaged as a .zip file.');
        if (typeof body.Handler !== 'string')
          throw ctx.invalid('Handler is required for a function packaged as a .zip file.');
        ctx.checkLimits(body);
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
          ...ctx.loadCode((body.Code as Body | undefined) ?? {}),
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
        if (body.Publish === true) ctx.publish(record);
        ctx.state.create(record);
        return ctx.ok(
          configurationJson(
            ctx.state,
            record,
            body.Publish === true ? record.versions.at(-1)! : latest,
            ctx.region(request),
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
        const { record, version } = ctx.lookup(request, reference!);
        return ctx.ok({
          Configuration: configurationJson(ctx.state, record, version, ctx.region(request)),
          Code: {
            RepositoryType: 'S3',
            // AWS answers a presigned URL, valid for 10 minutes; the sandbox serves the zip itself.
            Location: lambdaCodeUrl(request.host, version.codeBlob),
          },
        });
      },
    ],
    [
      'GET',
      /^\/2015-03-31\/functions\/([^/]+)\/configuration$/,
      'GetFunctionConfiguration',
      (request, [reference]) => {
        const { record, version } = ctx.lookup(request, reference!);
        return ctx.ok(configurationJson(ctx.state, record, version, ctx.region(request)));
      },
    ],
    [
      'PUT',
      /^\/2015-03-31\/functions\/([^/]+)\/code$/,
      'UpdateFunctionCode',
      (request, [reference]) => {
        const body = ctx.readJson(request);
        const record = ctx.functionOf(request, reference!);
        ctx.state.assertNotUpdating(record, ctx.region(request));
        ctx.checkRevision(body, record.latest.revisionId);
        const code = ctx.loadCode(body);
        record.latest = {
          ...record.latest,
          ...code,
          ...(Array.isArray(body.Architectures) ? { architectures: body.Architectures as string[] } : {}),
          revisionId: newRevision(),
          lastModified: lambdaTimestamp(),
          updateStartedAt: new Date().toISOString(),
        };
        if (body.Publish === true) ctx.publish(record);
        ctx.state.save(record);
        return ctx.ok(
          configurationJson(
            ctx.state,
            record,
            body.Publish === true ? record.versions.at(-1)! : record.latest,
            ctx.region(request),
          ),
        );
      },
    ],
    [
      'PUT',
      /^\/2015-03-31\/functions\/([^/]+)\/configuration$/,
      'UpdateFunctionConfiguration',
      (request, [reference]) => {
        const body = ctx.readJson(request);
        const record = ctx.functionOf(request, reference!);
        ctx.state.assertNotUpdating(record, ctx.region(request));
        ctx.checkRevision(body, record.latest.revisionId);
        ctx.checkLimits(body);
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
        ctx.state.save(record);
        return ctx.ok(configurationJson(ctx.state, record, record.latest, ctx.region(request)));
      },
    ],
    [
      'POST',
      /^\/2015-03-31\/functions\/([^/]+)\/versions$/,
      'PublishVersion',
      (request, [reference]) => {
        const body = ctx.readJson(request);
        const record = ctx.functionOf(request, reference!);
        ctx.state.assertNotUpdating(record, ctx.region(request));
        ctx.checkRevision(body, record.latest.revisionId);
        if (typeof body.CodeSha256 === 'string' && body.CodeSha256 !== record.latest.codeSha256) {
          throw ctx.invalid(
            `CodeSHA256 (${body.CodeSha256}) is different from current CodeSHA256 in $LATEST (${record.latest.codeSha256}). Please try again with the current CodeSHA256.`,
          );
        }
        const version = ctx.publish(
          record,
          typeof body.Description === 'string' ? body.Description : undefined,
        );
        ctx.state.save(record);
        return ctx.ok(configurationJson(ctx.state, record, version, ctx.region(request)), 201);
      },
    ],
    [
      'DELETE',
      /^\/2015-03-31\/functions\/([^/]+)$/,
      'DeleteFunction',
      (request, [reference]) => {
        const record = ctx.functionOf(request, reference!);
        const qualifier = request.query.get('Qualifier');
        // Deleting a whole function is left out: omnix only ever prunes versions.
        if (qualifier === null)
          throw new AwsError(
            'NotImplemented',
            'the sandbox deletes function versions only (give Qualifier)',
            501,
          );
        if (qualifier === '$LATEST')
          throw ctx.invalid('$LATEST version cannot be deleted without deleting the function.');
        const index = record.versions.findIndex((version) => version.version === qualifier);
        if (index < 0)
          throw new AwsError(
            'ResourceNotFoundException',
            `Function not found: ${record.name}:${qualifier}`,
            404,
            {
              Type: 'User',
            },
          );
        const referencing = Object.values(record.aliases)
          .filter(
            (alias) => alias.functionVersion === qualifier || qualifier in alias.additionalVersionWeights,
          )
          .map((alias) => alias.name);
        if (referencing.length > 0)
          throw new AwsError(
            'ResourceConflictException',
            `Unable to delete version because the following aliases reference it: [${referencing.join(', ')}]`,
            409,
            { Type: 'User' },
          );
        record.versions.splice(index, 1);
        ctx.state.save(record);
        return { status: 204, headers: {} };
      },
    ],
    [
      'GET',
      /^\/2015-03-31\/functions\/([^/]+)\/versions$/,
      'ListVersionsByFunction',
      (request, [reference]) => {
        const record = ctx.functionOf(request, reference!);
        const all = [record.latest, ...record.versions];
        const { items, next } = ctx.page(all, request, (v) => v.version);
        return ctx.ok({
          Versions: items.map((v) => configurationJson(ctx.state, record, v, ctx.region(request))),
          ...(next ? { NextMarker: next } : {}),
        });
      },
    ],
  ];
}
