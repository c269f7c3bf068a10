import { findInterrupted, recentDeployments, unrecovered } from '../../engine/change/interrupted.js';
import { type EnvironmentOptions, openEnvironment } from '../../engine/change/open-environment.js';
import { type DriftResult, describeDrift, detectDrift } from '../../validate/drift.js';
import type { ValidationReport } from '../../validate/types.js';
import { validateEnvironment, validationContext } from '../../validate/validate.js';
import { type Attention, needsAttention } from './attention.js';

type ReadOptions = EnvironmentOptions & { now?: Date };

/** `omnix validate <env>`: every pre-deployment check against the environment. Changes nothing, takes no lock. */
export async function validateNow(options: ReadOptions): Promise<ValidationReport> {
  const { loaded, clients, store } = await openEnvironment(options);
  return validateEnvironment({
    loaded,
    clients,
    store,
    env: options.env,
    ...(options.now ? { now: options.now } : {}),
  });
}

/**
 * `omnix drift <env>`: what changed outside omnix since the latest release. `attention`: a failed
 * rollback left the environment inconsistent, so differences may be omnix's own, not someone else's;
 * `interrupted`: the oldest deployment that stopped part-way and was not recovered, whose changes they may be.
 */
export async function driftNow(options: ReadOptions): Promise<
  DriftResult & {
    environment: string;
    lines: string[];
    attention: Attention | null;
    interrupted: { deploymentId: string; changes: number } | null;
  }
> {
  const { loaded, clients, store } = await openEnvironment(options);
  const context = validationContext({ loaded, clients, store, env: options.env });
  const [found, recent] = await Promise.all([
    detectDrift(context),
    recentDeployments(store, loaded.environment),
  ]);
  // A deployment that stopped part-way made differences of its own: they are not changes outside omnix.
  const dead = await findInterrupted(store, loaded.environment, { recent });
  const [oldest] = [...unrecovered(recent), ...dead.reverse()];
  return {
    environment: loaded.environment,
    ...found,
    lines: found.drift.map(describeDrift),
    attention: needsAttention(recent),
    interrupted: oldest ? { deploymentId: oldest.id, changes: oldest.changes.length } : null,
  };
}
