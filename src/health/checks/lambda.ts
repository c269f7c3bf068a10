import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { CheckContext, Finding, HealthCheck } from '../types.js';

type LambdaCheck = Extract<HealthCheck, { type: 'lambda' }>;

/** Invokes the function's alias (what the release serves) with the payload; a function error fails it. */
export async function lambdaCheck(check: LambdaCheck, context: CheckContext): Promise<Finding> {
  const fn = context.config.backend?.functions[check.function];
  if (!fn)
    return {
      status: 'fail',
      message: `no function is keyed ${check.function} under backend.functions`,
      final: true,
    };
  const target = `${fn.name}:${fn.alias}`;
  const outcome = await invoke(context, fn.name, fn.alias, check.payload);
  if (outcome.functionError) return { status: 'fail', message: `${target} failed: ${outcome.functionError}` };
  if (check.expect.bodyContains !== undefined && !outcome.payload.includes(check.expect.bodyContains))
    return {
      status: 'fail',
      message: `${target} returned ${shorten(outcome.payload)}, which does not contain "${check.expect.bodyContains}"`,
    };
  return { status: 'pass', message: `${target} answered in ${Math.round(outcome.ms)} ms` };
}

export interface Invocation {
  ms: number;
  payload: string;
  /** The error Lambda reported (the handler threw, or the runtime failed), as `Type: message`. */
  functionError?: string;
}

/** One synchronous invocation of a function at a qualifier (alias or version). */
export async function invoke(
  context: Pick<CheckContext, 'clients' | 'signal'>,
  name: string,
  qualifier: string,
  payload: unknown,
): Promise<Invocation> {
  const lambda = await context.clients.lambda();
  const started = performance.now();
  const result = await lambda.send(
    new InvokeCommand({
      FunctionName: name,
      Qualifier: qualifier,
      Payload: Buffer.from(JSON.stringify(payload ?? {})),
    }),
    { abortSignal: context.signal },
  );
  const ms = performance.now() - started;
  const text = result.Payload ? Buffer.from(result.Payload).toString('utf8') : '';
  if (!result.FunctionError) return { ms, payload: text };
  let detail = text;
  try {
    const parsed = JSON.parse(text) as { errorType?: string; errorMessage?: string };
    detail = [parsed.errorType, parsed.errorMessage].filter(Boolean).join(': ') || text;
  } catch {}
  return { ms, payload: text, functionError: detail || result.FunctionError };
}

const shorten = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}...` : text);
