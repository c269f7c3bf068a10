import type { ResolvedSandboxOptions } from '../../options.js';
import type { JsonOperation } from '../../protocol/json-service.js';
import type { SandboxRequest } from '../../service.js';
import type { LogGroup, LogStream } from './model.js';
import type { LogsStore } from './store.js';

/** What every CloudWatch Logs operation works with. */
export interface LogsContext {
  store: LogsStore;
  accountId: string;
  /** The sandbox's largest page: List operations never return more. */
  pageSize: number;
}

export function logsContext(options: ResolvedSandboxOptions, store: LogsStore): LogsContext {
  return { store, accountId: options.accountId, pageSize: options.pageSize };
}

export type LogsOperations = Record<string, JsonOperation>;

export const regionOf = (request: SandboxRequest) => request.scope?.region ?? 'us-east-1';

/** A log group's ARN, with the `:*` DescribeLogGroups' `arn` carries or without (`logGroupArn`). */
export const groupArn = (ctx: LogsContext, group: LogGroup, star = true) =>
  `arn:aws:logs:${group.region}:${ctx.accountId}:log-group:${group.name}${star ? ':*' : ''}`;

export const streamArn = (ctx: LogsContext, group: LogGroup, stream: LogStream) =>
  `arn:aws:logs:${group.region}:${ctx.accountId}:log-group:${group.name}:log-stream:${stream.name}`;
