import { environmentDifferences } from '../../config/environment-diff.js';
import { loadValidConfig } from '../../config/load.js';
import type { LeafDifference } from '../../config/paths.js';
import { ConfigError, UsageError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { openEnvironment } from '../../engine/change/open-environment.js';
import type { PlanSummary, PromotedFrom } from '../../records/index.js';
import { type DeployOptions, type DeployOutcome, deploy } from '../deploy/deploy.js';
import { promotedArtifacts } from './promoted-artifacts.js';
import { componentDifferences } from './same-components.js';
import { promotableRelease } from './source-release.js';

export interface PromoteOptions
  extends Omit<DeployOptions, 'environment' | 'artifactsFrom' | 'promotedFrom' | 'confirm' | 'skipBuild'> {
  from: string;
  to: string;
  /** Asked after the plan, before any change, with the configuration differences; false stops it. */
  confirm?: (preview: {
    source: PromotedFrom;
    differences: LeafDifference[];
    plan: PlanSummary;
  }) => Promise<boolean>;
}

export interface PromoteOutcome {
  source: PromotedFrom;
  /** Configuration values that differ between the two environments (secrets as ***): `to` keeps its own. */
  differences: LeafDifference[];
  deployment: DeployOutcome;
}

/**
 * `omnix promote <from> <to>`: deploys to `to` the artifacts live in `from`'s latest release (its site
 * objects' versions, its functions' published code), with `to`'s configuration. Refused (exit 3,
 * nothing changed) unless that release is what `from`'s last deployment made live, has not drifted,
 * and is healthy now. Otherwise an ordinary deployment of `to`: validation, lock, snapshot, verify,
 * automatic rollback; its record names the release it came from.
 */
export async function promote(options: PromoteOptions): Promise<PromoteOutcome> {
  const { from, to, confirm, ...rest } = options;
  if (from === to) throw new UsageError('SameEnvironment', `cannot promote ${from} to itself`);
  const load = (environment: string) =>
    loadValidConfig({ environment, configDir: options.configDir, env: options.env, cwd: options.cwd });
  const [source, target] = [await load(from), await load(to)];
  const mismatch = componentDifferences(source, target);
  if (mismatch.length > 0) throw new ConfigError(mismatch);

  const opened = await openEnvironment({ ...rest, environment: from });
  const { release } = await promotableRelease(opened.store, { ...rest, environment: from });
  const origin: PromotedFrom = {
    environment: from,
    release: release.number,
    deploymentId: release.deploymentId,
  };
  const differences = environmentDifferences(source, target);
  emit(
    options.report,
    'info',
    'load',
    `promoting release v${release.number} of ${from} to ${to}; ${differences.length} configuration value(s) differ, and ${to} keeps its own`,
    { data: { source: origin, differences } },
  );
  const artifacts = promotedArtifacts(opened.loaded, release, opened.clients);
  try {
    const deployment = await deploy({
      ...rest,
      environment: to,
      artifactsFrom: artifacts.artifacts,
      promotedFrom: origin,
      ...(confirm ? { confirm: (plan) => confirm({ source: origin, differences, plan }) } : {}),
    });
    return { source: origin, differences, deployment };
  } finally {
    await artifacts.dispose();
  }
}
