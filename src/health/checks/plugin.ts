import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckContext, CheckStatus, Finding, HealthCheck } from '../types.js';

type PluginCheck = Extract<HealthCheck, { type: 'plugin' }>;

/** What a plugin's `check(context)` is given. */
export interface PluginContext {
  environment: string;
  release?: number;
  outputs: Record<string, string>;
  options: Record<string, unknown>;
  timeoutMs: number;
  signal: AbortSignal;
}

const STATUSES: readonly CheckStatus[] = ['pass', 'warn', 'fail'];

/**
 * Loads the module and calls its `check(context)`, which returns `{ status, message }` or a boolean.
 * Whatever goes wrong in the plugin (it cannot load, throws, returns something else) fails this check
 * with that reason; it never stops the other checks.
 */
export async function pluginCheck(check: PluginCheck, context: CheckContext): Promise<Finding> {
  const file = resolve(context.projectRoot, check.module);
  let plugin: { check?: unknown };
  try {
    plugin = (await import(pathToFileURL(file).href)) as { check?: unknown };
  } catch (error) {
    return {
      status: 'fail',
      message: `the plugin ${check.module} could not be loaded: ${(error as Error).message}`,
      final: true,
    };
  }
  if (typeof plugin.check !== 'function')
    return {
      status: 'fail',
      message: `the plugin ${check.module} does not export a check(context) function`,
      final: true,
    };
  const given: PluginContext = {
    environment: context.environment,
    ...(context.release !== undefined ? { release: context.release } : {}),
    outputs: context.outputs,
    options: check.options,
    timeoutMs: context.thresholds.timeoutMs,
    signal: context.signal,
  };
  let result: unknown;
  try {
    result = await (plugin.check as (context: PluginContext) => unknown)(given);
  } catch (error) {
    return {
      status: 'fail',
      message: `the plugin ${check.module} threw: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (typeof result === 'boolean')
    return { status: result ? 'pass' : 'fail', message: result ? 'the plugin passed' : 'the plugin failed' };
  const verdict = result as { status?: unknown; message?: unknown } | null;
  if (verdict && STATUSES.includes(verdict.status as CheckStatus))
    return {
      status: verdict.status as CheckStatus,
      message: typeof verdict.message === 'string' ? verdict.message : `the plugin says ${verdict.status}`,
    };
  return {
    status: 'fail',
    message: `the plugin ${check.module} returned ${JSON.stringify(result) ?? String(result)}, not { status: 'pass' | 'warn' | 'fail', message }`,
    final: true,
  };
}
