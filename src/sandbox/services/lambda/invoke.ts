import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { FunctionVersion } from './model.js';

/** What an invocation produced: a result, or a function error in Lambda's payload shape. */
export interface InvocationResult {
  payload: unknown;
  functionError?: 'Unhandled';
  logs: string;
}

// Runs in a worker thread: loads the handler module and calls it with the event and a context.
const RUNNER = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { codeDir, handler, event, context, deadline } = workerData;
// Like Lambda's runtime, wait for the handler even when nothing else keeps the event loop busy.
setInterval(() => {}, 1 << 30);
const fail = (error) => parentPort.postMessage({ ok: false, errorType: (error && error.name) || 'Error', errorMessage: (error && error.message) || String(error), trace: String((error && error.stack) || '').split('\\n') });
(async () => {
  const dot = handler.lastIndexOf('.');
  const modulePath = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  const file = ['.mjs', '.js', '.cjs'].map((ext) => join(codeDir, modulePath + ext)).find(existsSync);
  if (!file) return parentPort.postMessage({ ok: false, errorType: 'Runtime.ImportModuleError', errorMessage: "Error: Cannot find module '" + modulePath + "'", trace: [] });
  const mod = await import(pathToFileURL(file).href);
  const fn = typeof mod[exportName] === 'function' ? mod[exportName] : mod.default && mod.default[exportName];
  if (typeof fn !== 'function') return parentPort.postMessage({ ok: false, errorType: 'Runtime.HandlerNotFound', errorMessage: modulePath + '.' + exportName + ' is undefined or not exported', trace: [] });
  const ctx = { ...context, callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
  const result = fn.length >= 3
    ? await new Promise((resolve, reject) => { const r = fn(event, ctx, (error, value) => (error ? reject(error) : resolve(value))); if (r && typeof r.then === 'function') r.then(resolve, reject); })
    : await fn(event, ctx);
  parentPort.postMessage({ ok: true, result: result === undefined ? null : result });
})().catch(fail);
`;

export interface InvokeTarget {
  functionName: string;
  functionArn: string;
  region: string;
  config: FunctionVersion;
  codeDir: string;
}

/**
 * Calls a Node.js handler in its own worker thread: its own module graph, an environment made only
 * of the function's variables and Lambda's own, a heap limited to the function's memory, and the
 * function's timeout enforced by stopping the worker.
 */
export function invokeHandler(target: InvokeTarget, event: unknown): Promise<InvocationResult> {
  const { config } = target;
  const requestId = randomUUID();
  const deadline = Date.now() + config.timeout * 1000;
  const env = {
    ...config.environment,
    AWS_REGION: target.region,
    AWS_DEFAULT_REGION: target.region,
    AWS_LAMBDA_FUNCTION_NAME: target.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: config.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySize),
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.runtime}`,
    LAMBDA_TASK_ROOT: target.codeDir,
    _HANDLER: config.handler,
    TZ: ':UTC',
  };
  const worker = new Worker(RUNNER, {
    eval: true,
    env,
    stdout: true,
    stderr: true,
    resourceLimits: { maxOldGenerationSizeMb: Math.max(32, config.memorySize) },
    workerData: {
      codeDir: target.codeDir,
      handler: config.handler,
      event,
      deadline,
      context: {
        functionName: target.functionName,
        functionVersion: config.version,
        invokedFunctionArn: target.functionArn,
        memoryLimitInMB: String(config.memorySize),
        awsRequestId: requestId,
        logGroupName: `/aws/lambda/${target.functionName}`,
        logStreamName: `sandbox/${config.version}/${requestId}`,
      },
    },
  });
  let logs = '';
  worker.stdout.on('data', (chunk) => (logs += chunk));
  worker.stderr.on('data', (chunk) => (logs += chunk));
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<InvocationResult, 'logs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve({ ...result, logs });
    };
    const timer = setTimeout(
      () =>
        finish({
          functionError: 'Unhandled',
          payload: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `Task timed out after ${config.timeout.toFixed(2)} seconds`,
          },
        }),
      config.timeout * 1000,
    );
    worker.on(
      'message',
      (message: {
        ok: boolean;
        result?: unknown;
        errorType?: string;
        errorMessage?: string;
        trace?: string[];
      }) =>
        finish(
          message.ok
            ? { payload: message.result }
            : {
                functionError: 'Unhandled',
                payload: {
                  errorType: message.errorType,
                  errorMessage: message.errorMessage,
                  trace: message.trace,
                },
              },
        ),
    );
    worker.on('error', (error: Error & { code?: string }) =>
      finish({
        functionError: 'Unhandled',
        payload:
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? {
                errorType: 'Runtime.OutOfMemory',
                errorMessage: `Runtime exited with error: the function exceeded its ${config.memorySize} MB`,
              }
            : { errorType: error.name, errorMessage: error.message },
      }),
    );
    worker.on('exit', () =>
      finish({
        functionError: 'Unhandled',
        payload: {
          errorType: 'Runtime.ExitError',
          errorMessage: 'Runtime exited without providing a reason',
        },
      }),
    );
  });
}
