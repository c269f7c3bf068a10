import { resolve } from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import { scanSite } from '../engine/scan/site.js';
import type { AwsClients } from '../providers/aws/clients.js';
import { awsIdentity } from '../providers/aws/identity.js';
import { listVersions } from '../providers/aws/site-bucket.js';
import { type FunctionPackage, packageFunction } from '../providers/package/function-package.js';
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
import { worst } from './finding.js';
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
  /** Run only these checks (by name). */
  checks?: readonly ValidationCheck[];
}

const once = <T>(make: () => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
};

/** The shared, lazily read facts the checks work from. Nothing here changes anything. */
export function validationContext(input: ValidationInput): ValidationContext {
  const { loaded, clients, store } = input;
  const { config, location, environment } = loaded;
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
    siteVersions: once(async () =>
      config.frontend ? listVersions(await clients.s3(), config.frontend.bucket, config.frontend.prefix) : [],
    ),
    site: once(() => scanSite(resolve(location.projectRoot, config.frontend!.source), config.frontend!)),
    packages: once(async () => {
      const packages = new Map<string, FunctionPackage | Error>();
      for (const [key, fn] of Object.entries(config.backend?.functions ?? {}))
        packages.set(
          key,
          await packageFunction(resolve(location.projectRoot, fn.source)).catch((error: Error) => error),
        );
      return packages;
    }),
  };
}

/** The checks that apply: a part the configuration lacks, or the deployment leaves alone, is not checked. */
export function applicableChecks(input: ValidationInput): ValidationCheck[] {
  const { config } = input.loaded;
  return (input.checks ?? VALIDATION_CHECKS).filter((check) => {
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
  return {
    environment: input.loaded.environment,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    status: worst(checks.map((check) => check.status)),
    checks,
  };
}
