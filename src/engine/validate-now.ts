import { type Drift, describeDrift, detectDrift } from '../validate/drift.js';
import type { ValidationReport } from '../validate/types.js';
import { validateEnvironment, validationContext } from '../validate/validate.js';
import { type ChangeOptions, openChange } from './recorded-change.js';

type ReadOptions = Omit<ChangeOptions, 'waitForLockMs'> & { now?: Date };

/** `omnix validate <env>`: every pre-deployment check against the environment. Changes nothing, takes no lock. */
export async function validateNow(options: ReadOptions): Promise<ValidationReport> {
  const { loaded, clients, store } = await openChange(options);
  return validateEnvironment({
    loaded,
    clients,
    store,
    env: options.env,
    ...(options.now ? { now: options.now } : {}),
  });
}

/** `omnix drift <env>`: what changed outside omnix since the latest release. */
export async function driftNow(
  options: ReadOptions,
): Promise<{ environment: string; release?: number; drift: Drift[]; lines: string[] }> {
  const { loaded, clients, store } = await openChange(options);
  const context = validationContext({ loaded, clients, store, env: options.env });
  const [release] = await context.releases();
  const drift = await detectDrift(context);
  return {
    environment: loaded.environment,
    ...(release ? { release: release.number } : {}),
    drift,
    lines: drift.map(describeDrift),
  };
}
