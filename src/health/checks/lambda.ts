import { type Invocation, invokeFunction } from '../../providers/aws/invoke.js';
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

/** One synchronous invocation of a function at a qualifier (alias or version), given up when the check's time is. */
export async function invoke(
  context: Pick<CheckContext, 'clients' | 'signal'>,
  name: string,
  qualifier: string,
  payload: unknown,
): Promise<Invocation> {
  return invokeFunction(await context.clients.lambda(), { name, qualifier, payload }, context.signal);
}

const shorten = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}...` : text);
