import type { ResolvedSandboxOptions } from '../../options.js';
import type { Persistence } from '../../persistence.js';
import { AwsError } from '../../protocol/aws-error.js';
import type { SandboxService } from '../../service.js';
import type { S3Store } from '../s3/store.js';
import { aliasRoutes } from './alias-routes.js';
import { createLambdaCodeServer } from './code-download.js';
import { createLambdaContext } from './context.js';
import type { FunctionLogSink } from './function-log.js';
import { functionRoutes } from './function-routes.js';
import { type InvocationResult, LambdaRuntime } from './invoke.js';
import { invokeRoute } from './invoke-route.js';
import { requestLimit } from './limits.js';
import { policyRoutes } from './policy-routes.js';

/** Lets other services (API Gateway) invoke a function by ARN, qualifier included. */
export type LambdaInvoker = (functionArn: string, event: unknown) => Promise<InvocationResult>;

export function createLambdaService(
  options: ResolvedSandboxOptions,
  persistence: Persistence,
  s3: S3Store,
  logSink?: FunctionLogSink,
): {
  service: SandboxService;
  invoke: LambdaInvoker;
  runtime: LambdaRuntime;
  /** Serves GetFunction's `Code.Location`. */
  code: ReturnType<typeof createLambdaCodeServer>;
} {
  const ctx = createLambdaContext(options, persistence, s3);
  const runtime = new LambdaRuntime(persistence, {
    maxWorkers: options.lambdaWorkers,
    idleMs: options.lambdaIdleMs,
    ...(logSink ? { logSink } : {}),
  });
  const routes = [
    ...functionRoutes(ctx),
    ...aliasRoutes(ctx),
    ...policyRoutes(ctx),
    ...invokeRoute({ ...ctx, runtime }),
  ];

  const invoke: LambdaInvoker = async (functionArn, event) => {
    const parsed = ctx.state.parse(functionArn);
    const arnRegion = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):/.exec(functionArn)?.[1] ?? 'us-east-1';
    const record = ctx.state.get(parsed.name, arnRegion);
    const { version } = ctx.state.resolve(record, parsed.qualifier, arnRegion);
    return runtime.invoke(
      { functionName: record.name, functionArn, region: arnRegion, config: version },
      event,
    );
  };

  const service: SandboxService = {
    name: 'lambda',
    bodyLimit: (method, rawPath) => requestLimit(method, rawPath),
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
  return { service, invoke, runtime, code: createLambdaCodeServer(ctx.state, persistence) };
}
