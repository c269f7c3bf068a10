import { randomUUID } from 'node:crypto';
import { AwsError } from '../../protocol/aws-error.js';
import type { SandboxResponse } from '../../service.js';
import type { LambdaContext, Route } from './context.js';
import type { LambdaRuntime } from './invoke.js';

/** Invoke: RequestResponse, Event and DryRun. */
export function invokeRoute(ctx: LambdaContext & { runtime: LambdaRuntime }): Route[] {
  return [
    [
      'POST',
      /^\/2015-03-31\/functions\/([^/]+)\/invocations$/,
      'Invoke',
      async (request, [reference]): Promise<SandboxResponse> => {
        const { record, version } = ctx.lookup(request, reference!);
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
          functionArn: ctx.state.arn(
            ctx.region(request),
            record.name,
            ctx.state.parse(decodeURIComponent(reference!)).qualifier,
          ),
          region: ctx.region(request),
          config: version,
        };
        // Lambda answers with the invocation's RequestId, the one its log lines carry.
        const requestId = randomUUID();
        if (invocationType === 'Event') {
          void ctx.runtime.invoke(target, event, requestId).catch(() => undefined);
          return {
            status: 202,
            headers: { 'x-amz-executed-version': version.version, 'x-amzn-requestid': requestId },
          };
        }
        const result = await ctx.runtime.invoke(target, event, requestId);
        return {
          status: 200,
          headers: {
            'content-type': 'application/json',
            'x-amzn-requestid': requestId,
            'x-amz-executed-version': version.version,
            ...(result.functionError ? { 'x-amz-function-error': result.functionError } : {}),
            ...(request.headers.get('x-amz-log-type') === 'Tail'
              ? { 'x-amz-log-result': Buffer.from(result.logs).toString('base64') }
              : {}),
          },
          body: JSON.stringify(result.payload),
        };
      },
    ],
  ];
}
