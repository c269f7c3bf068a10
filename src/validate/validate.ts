import { type SiteListing, siteListing } from '../artifacts/live/site-listing.js';
import { type LocalArtifacts, localArtifacts } from '../artifacts/local/local-artifacts.js';
import type { LoadedConfig } from '../config/load.js';
import { worst } from '../core/check-status.js';
import { once } from '../core/once.js';
import type { AwsClients } from '../providers/aws/clients.js';
import { awsIdentity } from '../providers/aws/identity.js';
import type { StateStore } from '../state/store.js';
import { apiCheck } from './checks/api.js';
import { artifactsCheck } from './checks/artifacts.js';
import { credentialsCheck } from './checks/credentials.js';
import { driftCheck } from './checks/drift.js';
import { frontendCheck } from './checks/frontend.js';
import { functionsCheck } from './checks/functions.js';
import { permissionsCheck } from './checks/permissions.js';
import { referencesCheck } from './checks/references.js';
import { rollbackCheck } from './checks/rollback.js';
import { secretsCheck } from './checks/secrets.js';
import { sharedRootCause } from './root-cause.js';
import type { ValidationCheck, ValidationCheckResult, ValidationContext, ValidationReport } from './types.js';

/** Every pre-deployment check, in the order the report lists them. */
export const VALIDATION_CHECKS: readonly ValidationCheck[] = [
  credentialsCheck,
  permissionsCheck,
  referencesCheck,
  frontendCheck,
  functionsCheck,
  apiCheck,
  artifactsCheck,
  secretsCheck,
  rollbackCheck,
  driftCheck,
];

export interface ValidationInput {
  loaded: LoadedConfig;
  clients: AwsClients;
  store: StateStore;
  env: Readonly<Record<string, string | undefined>>;
  only?: 'frontend' | 'backend';
  now?: Date;
  /** What is built, when the caller reads it too (a deployment's plan); else read here. */
  artifacts?: LocalArtifacts;
  /** The site's object versions, when the caller lists them too (a deployment's plan); else listed here. */
  listing?: SiteListing;
}

/** The shared, lazily read facts the checks work from. Nothing here changes anything. */
export function validationContext(input: ValidationInput): ValidationContext {
  const { loaded, clients, store } = input;
  const artifacts = input.artifacts ?? localArtifacts(loaded);
  const { config, environment } = loaded;
  const listing = input.listing ?? siteListing(clients, config.frontend?.prefix ?? '');
  const releases = once(() =>
    store.listReleases(environment, { limit: Math.max(1, config.rollout.keepReleases) }),
  );
  return {
    loaded,
    clients,
    env: input.env,
    now: input.now ?? new Date(),
    ...(input.only ? { only: input.only } : {}),
    releases,
    releasedBy: once(async () => {
      const [latest] = await releases();
      return latest ? store.getDeployment(latest.deploymentId, environment) : undefined;
    }),
    slowestDeployment: once(async () => {
      const recent = await store.listDeployments(environment, { limit: 10 });
      return Math.max(
        0,
        ...recent
          .filter((record) => record.status === 'succeeded' && record.finishedAt)
          .map((record) => Date.parse(record.finishedAt!) - Date.parse(record.startedAt)),
      );
    }),
    identity: once(async () => awsIdentity(await clients.sts())),
    siteVersions: async () => (config.frontend ? listing.versions(config.frontend.bucket) : []),
    site: artifacts.site,
    packages: artifacts.packages,
  };
}

/** The checks that apply: a part the configuration lacks, or the deployment leaves alone, is not checked. */
export function applicableChecks(input: ValidationInput): ValidationCheck[] {
  const { config } = input.loaded;
  return VALIDATION_CHECKS.filter((check) => {
    if (check.needs === 'frontend') return Boolean(config.frontend) && input.only !== 'backend';
    if (check.needs === 'backend') return Boolean(config.backend) && input.only !== 'frontend';
    return true;
  });
}

/** Runs the checks concurrently; a check that throws fails (an advisory one warns) with what it could not do. */
export async function validateEnvironment(input: ValidationInput): Promise<ValidationReport> {
  const startedAt = new Date();
  const context = validationContext(input);
  const checks = await Promise.all(
    applicableChecks(input).map(async (check): Promise<ValidationCheckResult> => {
      const begin = Date.now();
      try {
        const finding = await check.run(context);
        return { name: check.name, ...finding, durationMs: Date.now() - begin };
      } catch (error) {
        const hint = (error as { hint?: string }).hint;
        return {
          name: check.name,
          status: check.advisory ? 'warn' : 'fail',
          message: `could not check: ${(error as Error).message}`,
          ...(hint ? { hint } : {}),
          durationMs: Date.now() - begin,
        };
      }
    }),
  );
  const shared = await sharedRootCause(context, checks);
  return {
    environment: input.loaded.environment,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    status: worst(checks.map((check) => check.status)),
    checks: shared?.checks ?? checks,
    ...(shared
      ? { rootCause: { code: shared.cause.code, message: shared.cause.message, hint: shared.cause.hint } }
      : {}),
  };
}
