/**
 * The logging part of the worker program (spliced into RUNTIME_SOURCE, whose `send`, `current`,
 * `initializing`, OUTPUT_LIMIT, LINE_LIMIT and DROPPED it uses). It does what Lambda's Node.js runtime
 * (aws-lambda-nodejs-runtime-interface-client, LogPatch.js and Errors.js) does:
 * - console.log/info → `<ISO time>\t<request id>\tINFO\t<util.format(...)>`, console.warn → WARN,
 *   console.error → ERROR, console.debug → DEBUG, console.trace → TRACE; one log event per call, its
 *   newlines kept; the request id is the last invocation's (`undefined` while the module loads);
 * - an error is written as `Invoke Error \t{"errorType","errorMessage",…,"stack":[…]}` (its
 *   enumerable properties included), an uncaught one as `Uncaught Exception`, a rejection nobody handled
 *   as `Unhandled Promise Rejection` (errorType `Runtime.UnhandledPromiseRejection`);
 * - anything else written to stdout or stderr becomes one event per line, without a prefix.
 * Output outside the init phase and an invocation is dropped (Lambda freezes the environment then).
 * What one invocation prints is capped at OUTPUT_LIMIT bytes and each line at LINE_LIMIT characters,
 * here already so that a gigabyte never crosses the channel; the sandbox checks both again.
 */
export const RUNTIME_LOGGING = String.raw`
let requestId;
let outputBytes = 0;
let partial = '';
const emit = (text) => {
  if (current === undefined && !initializing) return;
  if (outputBytes > OUTPUT_LIMIT) return;
  let line = text.length > LINE_LIMIT ? text.slice(0, LINE_LIMIT) + ' [line cut by the sandbox]\n' : text;
  outputBytes += Buffer.byteLength(line);
  if (outputBytes > OUTPUT_LIMIT) line = DROPPED;
  try {
    send({ type: 'log', id: current, time: Date.now(), text: line });
  } catch {}
};
const logLine = (level, args) => {
  const shortened = args.map((arg) => (typeof arg === 'string' && arg.length > LINE_LIMIT ? arg.slice(0, LINE_LIMIT) : arg));
  emit(new Date().toISOString() + '\t' + requestId + '\t' + level + '\t' + util.format(...shortened) + '\n');
};
for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  console[method] = (...args) => logLine(level, args);
}
const flushPartial = () => {
  if (partial !== '') emit(partial + '\n');
  partial = '';
};
for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk, encoding, callback) => {
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done);
    if (outputBytes > OUTPUT_LIMIT) return true;
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const lines = (partial + text).split('\n');
    partial = lines.pop();
    for (const line of lines) emit(line + '\n');
    if (partial.length > LINE_LIMIT) flushPartial();
    return true;
  };
}
const intoError = (error) => (error instanceof Error ? error : new Error(error));
const unhandledRejection = (reason) => {
  const error = new Error(reason);
  error.name = 'Runtime.UnhandledPromiseRejection';
  error.reason = reason;
  error.promise = {};
  return error;
};
const withEnumerableProperties = (_key, value) => {
  if (!(value instanceof Error)) return value;
  const shown = Object.assign({ errorType: value.name, errorMessage: value.message, code: value.code }, value);
  if (typeof value.stack === 'string') shown.stack = value.stack.split('\n');
  return shown;
};
const toFormatted = (error) => {
  try {
    return '\t' + JSON.stringify(error, withEnumerableProperties);
  } catch {
    return '\t' + JSON.stringify({ errorType: error.name, errorMessage: error.message, trace: String(error.stack).split('\n') });
  }
};
`;
