import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { escapeControl } from '../../core/text.js';

/** What one synchronous invocation answered. */
export interface Invocation {
  ms: number;
  /** The response payload as text (a function answers at most 6 MB). */
  payload: string;
  /** The error Lambda reported (the handler threw, or the runtime failed), as `Type: message`, escaped and capped. */
  functionError?: string;
  /** With `logTail`: the last 4 KB of the invocation's log, decoded. */
  log?: string;
}

/** A function's error message is foreign text: kept to this many characters, control characters escaped. */
const ERROR_TEXT_LIMIT = 2000;

const capped = (text: string) =>
  escapeControl(text.length > ERROR_TEXT_LIMIT ? `${text.slice(0, ERROR_TEXT_LIMIT)}…` : text);

/** One synchronous invocation of a function at a qualifier (alias or version). */
export async function invokeFunction(
  lambda: LambdaClient,
  target: { name: string; qualifier: string; payload: unknown; logTail?: boolean },
  signal?: AbortSignal,
): Promise<Invocation> {
  const started = performance.now();
  const result = await lambda.send(
    new InvokeCommand({
      FunctionName: target.name,
      Qualifier: target.qualifier,
      Payload: Buffer.from(JSON.stringify(target.payload ?? {})),
      ...(target.logTail ? { LogType: 'Tail' as const } : {}),
    }),
    signal ? { abortSignal: signal } : {},
  );
  const ms = performance.now() - started;
  const payload = result.Payload ? Buffer.from(result.Payload).toString('utf8') : '';
  const log = result.LogResult ? Buffer.from(result.LogResult, 'base64').toString('utf8') : undefined;
  const answered = { ms, payload, ...(log !== undefined ? { log } : {}) };
  if (!result.FunctionError) return answered;
  let detail = payload.slice(0, ERROR_TEXT_LIMIT * 2);
  try {
    const parsed = JSON.parse(payload) as { errorType?: unknown; errorMessage?: unknown };
    const parts = [parsed.errorType, parsed.errorMessage].filter((part) => typeof part === 'string');
    if (parts.length > 0) detail = parts.join(': ');
  } catch {}
  return { ...answered, functionError: capped(detail || result.FunctionError) };
}
