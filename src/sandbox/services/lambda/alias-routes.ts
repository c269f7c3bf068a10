import { AwsError } from '../../protocol/aws-error.js';
import { aliasJson } from './configuration.js';
import { ALIAS_NAME, type LambdaContext, type Route } from './context.js';
import type { AliasRecord } from './model.js';
import { newRevision } from './state.js';

/** CreateAlias, ListAliases, GetAlias, UpdateAlias. */
export function aliasRoutes(ctx: LambdaContext): Route[] {
  return [
    [
      'POST',
      /^\/2015-03-31\/functions\/([^/]+)\/aliases$/,
      'CreateAlias',
      (request, [reference]) => {
        const body = ctx.readJson(request);
        const record = ctx.functionOf(request, reference!);
        const name = String(body.Name ?? '');
        if (!ALIAS_NAME.test(name))
          throw new AwsError('ValidationException', `Alias name '${name}' is not valid`, 400);
        if (record.aliases[name])
          throw new AwsError(
            'ResourceConflictException',
            `Alias already exists: ${ctx.state.arn(ctx.region(request), record.name, name)}`,
            409,
            { Type: 'User' },
          );
        const alias: AliasRecord = {
          name,
          functionVersion: ctx.checkTargetVersion(record, String(body.FunctionVersion ?? ''), request),
          description: String(body.Description ?? ''),
          additionalVersionWeights: ctx.checkWeights(record, body, request),
          revisionId: newRevision(),
        };
        record.aliases[name] = alias;
        ctx.state.save(record);
        return ctx.ok(aliasJson(ctx.state, record, alias, ctx.region(request)), 201);
      },
    ],
    [
      'GET',
      /^\/2015-03-31\/functions\/([^/]+)\/aliases$/,
      'ListAliases',
      (request, [reference]) => {
        const record = ctx.functionOf(request, reference!);
        const { items, next } = ctx.page(
          Object.values(record.aliases).sort((a, b) => a.name.localeCompare(b.name)),
          request,
          (a) => a.name,
        );
        return ctx.ok({
          Aliases: items.map((a) => aliasJson(ctx.state, record, a, ctx.region(request))),
          ...(next ? { NextMarker: next } : {}),
        });
      },
    ],
    [
      'GET',
      /^\/2015-03-31\/functions\/([^/]+)\/aliases\/([^/]+)$/,
      'GetAlias',
      (request, [reference, aliasName]) => {
        const record = ctx.functionOf(request, reference!);
        return ctx.ok(
          aliasJson(
            ctx.state,
            record,
            ctx.aliasOf(record, decodeURIComponent(aliasName!), request),
            ctx.region(request),
          ),
        );
      },
    ],
    [
      'PUT',
      /^\/2015-03-31\/functions\/([^/]+)\/aliases\/([^/]+)$/,
      'UpdateAlias',
      (request, [reference, aliasName]) => {
        const body = ctx.readJson(request);
        const record = ctx.functionOf(request, reference!);
        const alias = ctx.aliasOf(record, decodeURIComponent(aliasName!), request);
        ctx.checkRevision(body, alias.revisionId);
        const updated: AliasRecord = {
          ...alias,
          ...(body.FunctionVersion !== undefined
            ? { functionVersion: ctx.checkTargetVersion(record, String(body.FunctionVersion), request) }
            : {}),
          ...(typeof body.Description === 'string' ? { description: body.Description } : {}),
          ...(body.RoutingConfig !== undefined
            ? { additionalVersionWeights: ctx.checkWeights(record, body, request) }
            : {}),
          revisionId: newRevision(),
        };
        record.aliases[updated.name] = updated;
        ctx.state.save(record);
        return ctx.ok(aliasJson(ctx.state, record, updated, ctx.region(request)));
      },
    ],
  ];
}
