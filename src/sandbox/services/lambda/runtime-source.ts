import { droppedNotice, MAX_LINE_CHARS, MAX_OUTPUT_BYTES } from './function-log.js';
import { RUNTIME_LOGGING } from './runtime-logging.js';

/**
 * The program a function's worker process runs (`node -e`): it loads the handler from
 * LAMBDA_TASK_ROOT/_HANDLER once, then answers `invoke` messages from the sandbox one at a time on
 * its IPC channel, each reply tagged with the invocation's id. Console output goes to the sandbox as
 * `log` messages on the same channel, formatted as Lambda's Node.js runtime formats it (see
 * runtime-logging.ts), so it always arrives before the reply it belongs to.
 * It loads the handler as soon as it starts (Lambda's init phase) and says `ready` when done,
 * whether or not that worked: a failure is reported to the next invocation.
 * An uncaught error ends the process after reporting it, as Lambda's runtime restarts the
 * environment; the sandbox going away (the channel closing) ends it too.
 */
export const RUNTIME_SOURCE = String.raw`
'use strict';
const { pathToFileURL } = require('node:url');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const util = require('node:util');
const send = process.send.bind(process);
const OUTPUT_LIMIT = ${MAX_OUTPUT_BYTES};
const LINE_LIMIT = ${MAX_LINE_CHARS};
const DROPPED = ${JSON.stringify(droppedNotice(MAX_OUTPUT_BYTES))};
const memory = () => Math.ceil(process.resourceUsage().maxRSS / 1024);
let current;
let initializing = true;
${RUNTIME_LOGGING}
const describe = (error, type) => ({
  errorType: type || (error && error.name) || 'Error',
  errorMessage: (error && error.message) || String(error),
  trace: String((error && error.stack) || '').split('\n'),
});
const reply = (message, then) => {
  flushPartial();
  const id = current;
  current = undefined;
  try {
    send({ ...message, id, memory: memory() }, then);
  } catch (error) {
    send({ ok: false, ...describe(error, 'Runtime.ResponseSerializationError'), id, memory: memory() }, then);
  }
};
const crash = (title, type) => (error) => {
  if (current === undefined) process.exit(1);
  const reported = type ? unhandledRejection(error) : intoError(error);
  logLine('ERROR', [title, toFormatted(reported)]);
  reply({ ok: false, fatal: true, ...describe(reported) }, () => process.exit(1));
};
process.on('uncaughtException', crash('Uncaught Exception'));
process.on('unhandledRejection', crash('Unhandled Promise Rejection', 'Runtime.UnhandledPromiseRejection'));
process.on('disconnect', () => process.exit(0));

const handlerName = process.env._HANDLER;
const codeDir = process.env.LAMBDA_TASK_ROOT;
let loading;
async function load() {
  const dot = handlerName.lastIndexOf('.');
  const modulePath = handlerName.slice(0, dot);
  const exportName = handlerName.slice(dot + 1);
  const file = ['.mjs', '.js', '.cjs'].map((ext) => join(codeDir, modulePath + ext)).find(existsSync);
  if (!file) throw Object.assign(new Error("Error: Cannot find module '" + modulePath + "'"), { name: 'Runtime.ImportModuleError' });
  const mod = await import(pathToFileURL(file).href);
  const fn = typeof mod[exportName] === 'function' ? mod[exportName] : mod.default && mod.default[exportName];
  if (typeof fn !== 'function') throw Object.assign(new Error(modulePath + '.' + exportName + ' is undefined or not exported'), { name: 'Runtime.HandlerNotFound' });
  return fn;
}

loading = load();
const ready = () => {
  flushPartial();
  initializing = false;
  send({ type: 'ready', memory: memory() });
};
loading.then(ready, ready);

process.on('message', async (message) => {
  if (!message || message.type !== 'invoke' || current !== undefined) return;
  current = message.id;
  requestId = message.id;
  outputBytes = 0;
  try {
    loading = loading || load();
    const fn = await loading.catch((error) => {
      loading = undefined;
      throw error;
    });
    const { deadline } = message;
    const context = { ...message.context, callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
    const result = fn.length >= 3
      ? await new Promise((resolve, reject) => {
          const returned = fn(message.event, context, (error, value) => (error ? reject(error) : resolve(value)));
          if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
        })
      : await fn(message.event, context);
    reply({ ok: true, result: result === undefined ? null : result });
  } catch (error) {
    logLine('ERROR', ['Invoke Error', toFormatted(intoError(error))]);
    reply({ ok: false, ...describe(error) });
  }
});
`;
