import { type LoadedConfig, loadValidConfig } from '../../config/load.js';
import { awsReferenceReaders, resolveDeployTimeReferences } from '../../config/resolve-deploy-time.js';
import { ConfigError, OmnixError, UsageError, ValidationFailedError } from '../../core/errors.js';
import { emit, type Report } from '../../core/events.js';
import type { AwsClientSettings } from '../../providers/aws/clients.js';
import type { PhaseRecord } from '../../records/index.js';

/** Runs named phases, reporting their start and end and keeping their timings for the record. */
export function phaseRunner(report: Report) {
  const phases: PhaseRecord[] = [];
  const running: string[] = [];
  const phase = async <T>(name: string, run: () => Promise<T>, skipped = false): Promise<T> => {
    const startedAt = new Date().toISOString();
    emit(report, 'begin', name, skipped ? `${name} (skipped)` : name);
    const begin = Date.now();
    running.push(name);
    try {
      const value = await run();
      const durationMs = Date.now() - begin;
      phases.push({ name, startedAt, durationMs, outcome: skipped ? 'skipped' : 'ok' });
      emit(report, 'end', name, `${name} done`, { durationMs });
      return value;
    } catch (error) {
      phases.push({ name, startedAt, durationMs: Date.now() - begin, outcome: 'failed' });
      throw error;
    } finally {
      running.splice(running.lastIndexOf(name), 1);
    }
  };
  /** The innermost phase running now, if any. */
  const current = (): string | undefined => running.at(-1);
  return { phases, phase, current };
}

/** Anything that goes wrong before the first change is a validation failure: exit 3, nothing changed. */
export async function beforeChanges<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError || error instanceof ValidationFailedError)
      throw error;
    const omnix = error instanceof OmnixError ? error : undefined;
    throw new ValidationFailedError(
      omnix?.code ?? 'PreflightFailed',
      `${omnix?.message ?? String(error)} (nothing was changed)`,
      {
        ...(omnix?.hint ? { hint: omnix.hint } : {}),
        cause: error,
      },
    );
  }
}

/** The environment's configuration, validated, with its `${cfn:}` and `${ssm:}` references resolved. */
export async function loadForChange(options: {
  environment: string;
  configDir: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  aws?: Partial<AwsClientSettings>;
}): Promise<LoadedConfig> {
  const loaded = await loadValidConfig(options);
  if (loaded.pending.size === 0) return loaded;
  const resolved = await resolveDeployTimeReferences(
    loaded,
    awsReferenceReaders({ ...loaded.config.aws, ...options.aws }),
  );
  if (!resolved.ok) throw new ConfigError(resolved.errors);
  return resolved;
}
