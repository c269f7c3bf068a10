import { groupArn, type LogsContext, type LogsOperations, regionOf } from './context.js';
import { invalidParameter, unsupported, validationError } from './errors.js';
import { LOG_GROUP_CLASSES, type LogGroup, type LogGroupClass } from './model.js';
import { groupName, optionalGroupName, optionalInt, optionalToken } from './params.js';
import { keysetPage } from './tokens.js';

type Body = Record<string, unknown>;

/** CreateLogGroup, DeleteLogGroup and DescribeLogGroups. */
export function groupOperations(ctx: LogsContext): LogsOperations {
  return {
    CreateLogGroup(body, request) {
      const name = groupName(body);
      if (name.toLowerCase().startsWith('aws/'))
        throw invalidParameter('Log groups starting with AWS/ are reserved for AWS.');
      if (body.tags !== undefined) throw unsupported('tags');
      if (body.deletionProtectionEnabled === true) throw unsupported('deletion protection');
      const kmsKeyId = body.kmsKeyId;
      if (kmsKeyId !== undefined && (typeof kmsKeyId !== 'string' || kmsKeyId.length > 256))
        throw validationError(kmsKeyId, 'kmsKeyId', 'Member must have length less than or equal to 256');
      ctx.store.createGroup(regionOf(request), name, {
        logGroupClass: groupClass(body) ?? 'STANDARD',
        ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
      });
      return {};
    },

    DeleteLogGroup(body, request) {
      ctx.store.deleteGroup(regionOf(request), groupName(body));
      return {};
    },

    DescribeLogGroups(body, request) {
      if (body.logGroupIdentifiers !== undefined) throw unsupported('logGroupIdentifiers');
      if (body.includeLinkedAccounts === true || body.accountIdentifiers !== undefined)
        throw unsupported('cross-account observability');
      const prefix = optionalGroupName(body, 'logGroupNamePrefix');
      const pattern = namePattern(body);
      if (prefix !== undefined && pattern !== undefined)
        throw invalidParameter(
          'logGroupNamePrefix and logGroupNamePattern are mutually exclusive. Only one of these parameters can be passed.',
        );
      const wantedClass = groupClass(body);
      const limit = optionalInt(body, 'limit', 1, 50) ?? 50;
      const matching = ctx.store
        .list(regionOf(request))
        .filter((group) => prefix === undefined || group.name.startsWith(prefix))
        .filter((group) => pattern === undefined || group.name.includes(pattern))
        .filter((group) => wantedClass === undefined || group.logGroupClass === wantedClass);
      const { page, nextToken } = keysetPage(
        matching,
        { kind: 'groups', shape: 's', keyOf: (group) => [group.name], size: Math.min(limit, ctx.pageSize) },
        optionalToken(body),
      );
      return {
        logGroups: page.map((group) => describeGroup(ctx, group)),
        ...(nextToken ? { nextToken } : {}),
      };
    },
  };
}

/** A group as DescribeLogGroups shows it; it never expires (no `retentionInDays`) and has no metric filters. */
function describeGroup(ctx: LogsContext, group: LogGroup) {
  let storedBytes = 0;
  for (const stream of group.streams.values()) storedBytes += stream.storedBytes;
  return {
    logGroupName: group.name,
    creationTime: group.creationTime,
    metricFilterCount: 0,
    arn: groupArn(ctx, group),
    logGroupArn: groupArn(ctx, group, false),
    storedBytes,
    logGroupClass: group.logGroupClass,
    ...(group.kmsKeyId !== undefined ? { kmsKeyId: group.kmsKeyId } : {}),
  };
}

function groupClass(body: Body): LogGroupClass | undefined {
  const value = body.logGroupClass;
  if (value === undefined) return undefined;
  if (!(LOG_GROUP_CLASSES as readonly unknown[]).includes(value))
    throw validationError(
      value,
      'logGroupClass',
      `Member must satisfy enum value set: [${LOG_GROUP_CLASSES.join(', ')}]`,
    );
  return value as LogGroupClass;
}

function namePattern(body: Body): string | undefined {
  const value = body.logGroupNamePattern;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 512 || !/^[.\-_/#A-Za-z0-9]*$/.test(value))
    throw validationError(
      value,
      'logGroupNamePattern',
      'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]*',
    );
  return value;
}
