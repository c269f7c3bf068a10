import { type LogsContext, type LogsOperations, regionOf, streamArn } from './context.js';
import { invalidParameter, validationError } from './errors.js';
import type { LogGroup, LogStream } from './model.js';
import {
  groupName,
  groupReference,
  optionalBoolean,
  optionalInt,
  optionalStreamName,
  optionalToken,
  streamName,
} from './params.js';
import { compareKeys, keysetPage, type PageKey } from './tokens.js';

const ORDERS = ['LogStreamName', 'LastEventTime'];

/** CreateLogStream, DeleteLogStream and DescribeLogStreams. */
export function streamOperations(ctx: LogsContext): LogsOperations {
  return {
    CreateLogStream(body, request) {
      const group = ctx.store.group(regionOf(request), groupName(body));
      ctx.store.createStream(group, streamName(body));
      return {};
    },

    DeleteLogStream(body, request) {
      const group = ctx.store.group(regionOf(request), groupName(body));
      ctx.store.deleteStream(group, streamName(body));
      return {};
    },

    DescribeLogStreams(body, request) {
      const group = ctx.store.group(
        regionOf(request),
        groupReference(body, regionOf(request), ctx.accountId),
      );
      const prefix = optionalStreamName(body, 'logStreamNamePrefix');
      const orderBy = body.orderBy ?? 'LogStreamName';
      if (!ORDERS.includes(orderBy as string))
        throw validationError(
          orderBy,
          'orderBy',
          `Member must satisfy enum value set: [${ORDERS.join(', ')}]`,
        );
      if (orderBy === 'LastEventTime' && prefix !== undefined)
        throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
      const descending = optionalBoolean(body, 'descending') ?? false;
      const limit = optionalInt(body, 'limit', 1, 50) ?? 50;
      const byTime = orderBy === 'LastEventTime';
      const keyOf = (stream: LogStream): PageKey =>
        byTime ? [stream.events.at(-1)?.timestamp ?? 0, stream.name] : [stream.name];
      const sign = descending ? -1 : 1;
      const streams = [...group.streams.values()]
        .filter((stream) => prefix === undefined || stream.name.startsWith(prefix))
        .sort((a, b) => sign * compareKeys(keyOf(a), keyOf(b)));
      const { page, nextToken } = keysetPage(
        streams,
        {
          kind: `streams:${orderBy}`,
          shape: byTime ? 'ns' : 's',
          keyOf,
          size: Math.min(limit, ctx.pageSize),
          descending,
        },
        optionalToken(body),
      );
      return {
        logStreams: page.map((stream) => describeStream(ctx, group, stream)),
        ...(nextToken ? { nextToken } : {}),
      };
    },
  };
}

/** A stream as DescribeLogStreams shows it; `storedBytes` is always 0, as AWS has reported since 2019. */
function describeStream(ctx: LogsContext, group: LogGroup, stream: LogStream) {
  const first = stream.events[0];
  const last = stream.events.at(-1);
  return {
    logStreamName: stream.name,
    creationTime: stream.creationTime,
    ...(first ? { firstEventTimestamp: first.timestamp } : {}),
    ...(last ? { lastEventTimestamp: last.timestamp } : {}),
    ...(stream.lastIngestionTime !== undefined ? { lastIngestionTime: stream.lastIngestionTime } : {}),
    arn: streamArn(ctx, group, stream),
    storedBytes: 0,
  };
}
