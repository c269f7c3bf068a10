import { ConfigError, type ConfigIssue } from '../core/errors.js';
import { closestName } from '../core/suggest.js';
import { fromZodIssues } from './issues.js';
import {
  type ConfigLocation,
  displayPath,
  environmentFile,
  listEnvironments,
  locateConfig,
} from './location.js';
import { deepMerge } from './merge.js';
import { readOverrides } from './overrides.js';
import { formatPath, type PathSegment, setAt } from './paths.js';
import { parseWithPending } from './pending.js';
import { Provenance } from './provenance.js';
import { readConfigFile } from './read-config-file.js';
import { resolveConfigReferences } from './references/resolve-config.js';
import { runRules } from './rules/index.js';
import { configJsonSchema, type OmnixConfig } from './schema.js';
import { findSecretPaths, notSecretNames } from './secrets.js';
import { sortIssues } from './sort-issues.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export interface LoadConfigOptions {
  /** Environment to load, e.g. `staging`. */
  environment: string;
  /** The project root or its config folder. @default process.cwd() */
  configDir?: string;
  /** Process environment for overrides and `${env:}`. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** Working directory file paths are shown relative to. @default process.cwd() */
  cwd?: string;
}

/** A valid configuration with everything known about where it came from. */
export interface LoadedConfig {
  ok: true;
  environment: string;
  location: ConfigLocation;
  config: OmnixConfig;
  warnings: ConfigIssue[];
  provenance: Provenance;
  /** formatPath of the leaves shown as `***`. */
  secretPaths: Set<string>;
  /**
   * Values that still hold `${cfn:}`, `${ssm:}` or `${outputs.}` references. Until
   * `resolveDeployTimeReferences` runs they hold the reference text, whatever their schema type.
   */
  pending: Map<string, PathSegment[]>;
  /** The merged, reference-resolved tree before defaults: input for the deploy-time phase. */
  tree: Record<string, unknown>;
}

export interface InvalidConfig {
  ok: false;
  environment: string;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

export type LoadResult = LoadedConfig | InvalidConfig;

const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * Loads one environment: parse both files with positions → merge → `OMNIX__` overrides → resolve
 * `${...}` references → schema (defaults) → rules. Never throws for bad configuration: every
 * problem found comes back located, so a person can fix them all in one go.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadResult> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const environment = options.environment;
  const failed = (errors: ConfigIssue[], warnings: ConfigIssue[] = []): InvalidConfig => ({
    ok: false,
    environment,
    errors: sortIssues(errors),
    warnings: sortIssues(warnings),
  });

  let location: ConfigLocation;
  try {
    location = locateConfig(options.configDir ?? cwd);
  } catch (error) {
    if (error instanceof ConfigError) return failed([...error.issues]);
    throw error;
  }
  const environments = await listEnvironments(location);
  const show = (path: string) => displayPath(path, cwd);
  if (!ENVIRONMENT_NAME.test(environment) || !environments.includes(environment)) {
    return failed([unknownEnvironment(environment, environments, show(location.environmentsDir))]);
  }

  const files: YamlSource[] = [];
  for (const file of [location.masterFile, environmentFile(location, environment)]) {
    const read = await readConfigFile(file, show(file));
    if ('issue' in read) return failed([read.issue]);
    files.push(parseYamlSource(show(file), read.text));
  }
  const warnings = files.flatMap((file) => file.warnings);
  const syntaxErrors = files.flatMap((file) => file.errors);
  if (syntaxErrors.length > 0) return failed(syntaxErrors, warnings);

  const schema = configJsonSchema();
  const merged = deepMerge(files[0]!.value, files[1]!.value) as Record<string, unknown>;
  const { overrides, issues: overrideIssues } = readOverrides(env, merged, schema);
  for (const override of overrides) setAt(merged, override.path, structuredClone(override.value));
  const provenance = new Provenance(files, overrides);

  const notSecret = notSecretNames(merged);
  const resolution = await resolveConfigReferences(merged, {
    environment,
    notSecret,
    env,
    schema,
    locate: (path) => provenance.locate(path),
  });
  const early = [...overrideIssues, ...resolution.issues];
  if (early.length > 0) {
    // A reference fails because of the value it points at (`project: [1, 2]` in a text): report that
    // value at its own line too, from the schema, leaving out the values whose references failed.
    const unresolved = resolution.issues.map((issue) => issue.path);
    const parsed = parseWithPending(resolution.tree, resolution.pending, schema);
    const own = parsed.success
      ? []
      : fromZodIssues(parsed.error.issues, { data: resolution.tree, schema, provenance }).filter(
          (issue) => !unresolved.some((path) => isSameOrInside(issue.path, path)),
        );
    return failed([...own, ...early], warnings);
  }

  const parsed = parseWithPending(resolution.tree, resolution.pending, schema);
  if (!parsed.success) {
    return failed(
      fromZodIssues(parsed.error.issues, { data: resolution.tree, schema, provenance }),
      warnings,
    );
  }

  const findings = runRules({
    config: parsed.data,
    environment,
    environments,
    projectRoot: location.projectRoot,
    secretPaths: resolution.secretPaths,
    written: (path) => provenance.originOf(path).kind !== 'default',
    pending: new Set(resolution.pending.keys()),
  });
  const located = (finding: (typeof findings)[number]): ConfigIssue => ({
    ...provenance.locate(finding.path),
    path: formatPath(finding.path),
    message: finding.message,
    ...(finding.hint ? { hint: finding.hint } : {}),
  });
  const ruleErrors = findings.filter((finding) => finding.severity === 'error').map(located);
  warnings.push(...findings.filter((finding) => finding.severity === 'warning').map(located));
  if (ruleErrors.length > 0) return failed(ruleErrors, warnings);

  return {
    ok: true,
    environment,
    location,
    config: parsed.data,
    warnings,
    provenance,
    secretPaths: findSecretPaths(parsed.data, schema, resolution.secretPaths, notSecret),
    pending: resolution.pending,
    tree: resolution.tree,
  };
}

function isSameOrInside(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);
}

function unknownEnvironment(environment: string, environments: string[], dir: string): ConfigIssue {
  const suggestion = closestName(environment, environments);
  return {
    source: dir,
    path: '',
    message: `unknown environment '${environment}': there is no ${dir}/${environment}.yaml${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
    hint:
      environments.length > 0
        ? `Known environments: ${environments.join(', ')}. An environment exists when its file exists.`
        : `Create ${dir}/${environment}.yaml (an environment exists when its file exists).`,
  };
}

/** Loads and throws ConfigError (exit 2) instead of returning the problems. */
export async function loadValidConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const result = await loadConfig(options);
  if (!result.ok) throw new ConfigError(result.errors);
  return result;
}
