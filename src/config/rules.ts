import { formatPath, type PathSegment } from './paths.js';
import { awsNamesFollowAwsRules, escapeControl } from './rules/aws-names.js';
import { migrationPlaceholdersRemain } from './rules/migration-placeholders.js';
import { httpApiNotImplemented } from './rules/not-implemented.js';
import { webhooksUseHttps } from './rules/notifications.js';
import { pathsStayInTheirFolder, sourcesStayInTheProject } from './rules/paths.js';
import { workflowStepsFitTogether } from './rules/workflows.js';
import type { OmnixConfig } from './schema.js';

export interface RuleContext {
  config: OmnixConfig;
  environment: string;
  /** True when a file or an override wrote the value at `path` (not only a default). */
  written(path: PathSegment[]): boolean;
  /** formatPath of values from a secret source: never shown in a message. */
  secretPaths?: ReadonlySet<string>;
  /** The project root: configured paths are relative to it. */
  projectRoot: string;
  /** Every environment that has a file. */
  environments: readonly string[];
  /** formatPath of values that still hold references resolved at deploy time: skip format checks there. */
  pending: ReadonlySet<string>;
}

export interface RuleFinding {
  severity: 'error' | 'warning';
  path: PathSegment[];
  message: string;
  hint?: string;
}

/** A named check across fields. Adding one means writing it and listing it in RULES. */
export type Rule = (context: RuleContext) => RuleFinding[];

const error = (path: PathSegment[], message: string, hint?: string): RuleFinding => ({
  severity: 'error',
  path,
  message,
  ...(hint ? { hint } : {}),
});
const warning = (path: PathSegment[], message: string, hint?: string): RuleFinding => ({
  severity: 'warning',
  path,
  message,
  ...(hint ? { hint } : {}),
});
const checkable = (context: RuleContext, path: PathSegment[]) => !context.pending.has(formatPath(path));

export const somethingToDeploy: Rule = ({ config }) =>
  config.frontend || config.backend
    ? []
    : [
        error(
          [],
          'nothing to deploy: neither frontend nor backend is configured',
          'Add a frontend: or backend: section.',
        ),
      ];

export const accountIdIsTwelveDigits: Rule = (context) => {
  const accountId = context.config.aws.accountId;
  if (accountId === undefined || !checkable(context, ['aws', 'accountId']) || /^\d{12}$/.test(accountId))
    return [];
  return [error(['aws', 'accountId'], `'${escapeControl(accountId)}' is not a 12-digit AWS account id`)];
};

export const endpointIsAUrl: Rule = (context) => {
  const endpoint = context.config.aws.endpoint;
  if (endpoint === '' || !checkable(context, ['aws', 'endpoint'])) return [];
  try {
    const url = new URL(endpoint);
    if (url.protocol === 'http:' || url.protocol === 'https:') return [];
  } catch {
    // Reported below.
  }
  return [
    error(
      ['aws', 'endpoint'],
      `'${escapeControl(endpoint)}' is not an http(s) URL`,
      'Use e.g. http://127.0.0.1:4599, or leave it empty for AWS.',
    ),
  ];
};

export const apiIdentifiedOnce: Rule = ({ config }) => {
  const api = config.backend?.api;
  if (!api) return [];
  if (api.id && api.name) return [error(['backend', 'api'], 'give either id or name for the API, not both')];
  if (!api.id && !api.name)
    return [
      error(
        ['backend', 'api'],
        'the API needs an id or a name',
        'Add backend.api.id (or backend.api.name to look it up).',
      ),
    ];
  return [];
};

/** The function behind the API: `backend.api.function`, else the one keyed `api`, else the only one. */
export function apiFunctionKey(backend: NonNullable<RuleContext['config']['backend']>): string | undefined {
  const keys = Object.keys(backend.functions);
  return backend.api?.function ?? (keys.includes('api') ? 'api' : keys.length === 1 ? keys[0] : undefined);
}

export const apiNamesItsFunction: Rule = ({ config }) => {
  const backend = config.backend;
  if (!backend?.api) return [];
  const key = apiFunctionKey(backend);
  const keys = Object.keys(backend.functions);
  if (key === undefined) {
    return [
      error(
        ['backend', 'api'],
        'cannot tell which function the API proxies to',
        `Set backend.api.function to one of: ${keys.join(', ')}.`,
      ),
    ];
  }
  return keys.includes(key)
    ? []
    : [
        error(
          ['backend', 'api', 'function'],
          `'${key}' is not a key of backend.functions`,
          `Known functions: ${keys.join(', ')}.`,
        ),
      ];
};

export const uniqueFunctionNames: Rule = ({ config }) => {
  const seen = new Map<string, string>();
  const findings: RuleFinding[] = [];
  for (const [key, fn] of Object.entries(config.backend?.functions ?? {})) {
    const other = seen.get(fn.name);
    if (other)
      findings.push(
        error(['backend', 'functions', key, 'name'], `function name '${fn.name}' is also used by '${other}'`),
      );
    else seen.set(fn.name, key);
  }
  return findings;
};

export const atLeastOneFunction: Rule = ({ config }) =>
  config.backend && Object.keys(config.backend.functions).length === 0
    ? [
        error(
          ['backend', 'functions'],
          'backend.functions is empty',
          'Add a function, or remove the backend section.',
        ),
      ]
    : [];

/** Names AWS Lambda reserves for its own environment variables. */
const RESERVED_LAMBDA_VARIABLES =
  /^(_HANDLER|_X_AMZN_TRACE_ID|AWS_REGION|AWS_EXECUTION_ENV|AWS_LAMBDA_.*|AWS_ACCESS_KEY(_ID)?|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR)$/;

export const lambdaEnvironmentIsValid: Rule = ({ config }) => {
  const findings: RuleFinding[] = [];
  for (const [key, fn] of Object.entries(config.backend?.functions ?? {})) {
    let size = 0;
    for (const [name, value] of Object.entries(fn.environment)) {
      size += name.length + String(value).length;
      if (RESERVED_LAMBDA_VARIABLES.test(name)) {
        findings.push(
          error(
            ['backend', 'functions', key, 'environment', name],
            `${name} is reserved by AWS Lambda and cannot be set`,
          ),
        );
      }
    }
    if (size > 4096) {
      findings.push(
        error(
          ['backend', 'functions', key, 'environment'],
          `the environment variables take ${size} bytes; Lambda allows 4 KB`,
          'Move large values to SSM parameters.',
        ),
      );
    }
  }
  return findings;
};

export const uniqueHealthCheckNames: Rule = ({ config }) => {
  const seen = new Set<string>();
  return config.health.checks.flatMap((check, index) => {
    if (seen.has(check.name))
      return [
        error(['health', 'checks', index, 'name'], `a health check named '${check.name}' already exists`),
      ];
    seen.add(check.name);
    return [];
  });
};

export const lambdaChecksNameAFunction: Rule = ({ config }) => {
  const functions = Object.keys(config.backend?.functions ?? {});
  return config.health.checks.flatMap((check, index) =>
    check.type === 'lambda' && !functions.includes(check.function)
      ? [
          error(
            ['health', 'checks', index, 'function'],
            `'${check.function}' is not a key of backend.functions`,
            functions.length > 0
              ? `Known functions: ${functions.join(', ')}.`
              : 'Define the function under backend.functions.',
          ),
        ]
      : [],
  );
};

export const canaryStepsRiseTo100: Rule = ({ config }) => {
  if (config.rollout.strategy !== 'canary') return [];
  const steps = config.rollout.canary.steps;
  const rising = steps.every((step, index) => index === 0 || step > steps[index - 1]!);
  if (rising && steps.at(-1) === 100) return [];
  return [
    error(
      ['rollout', 'canary', 'steps'],
      `canary steps must rise and end at 100; found [${steps.join(', ')}]`,
      'For example [10, 50, 100].',
    ),
  ];
};

export const canaryNeedsABackend: Rule = ({ config }) =>
  config.rollout.strategy === 'canary' && !config.backend
    ? [
        error(
          ['rollout', 'strategy'],
          'a canary rollout shifts Lambda traffic, but there is no backend',
          'Use all-at-once for a frontend-only project.',
        ),
      ]
    : [];

export const keysAreRelative: Rule = ({ config }) => {
  const findings: RuleFinding[] = [];
  if (config.frontend?.prefix.startsWith('/')) {
    findings.push(
      error(
        ['frontend', 'prefix'],
        'the prefix must not start with /',
        `Write '${config.frontend.prefix.replace(/^\/+/, '')}'.`,
      ),
    );
  }
  config.frontend?.entryPoints.forEach((entry, index) => {
    if (entry.startsWith('/'))
      findings.push(
        error(
          ['frontend', 'entryPoints', index],
          `entry point '${entry}' must be relative to the source folder`,
        ),
      );
  });
  return findings;
};

export const workflowsNameKnownEnvironments: Rule = ({ config, environments }) => {
  const findings: RuleFinding[] = [];
  for (const [name, workflow] of Object.entries(config.workflows)) {
    workflow.steps.forEach((step, index) => {
      const named =
        'environment' in step ? [step.environment] : step.step === 'promote' ? [step.from, step.to] : [];
      for (const environment of named) {
        if (environment === undefined) continue;
        if (!environments.includes(environment)) {
          findings.push(
            error(
              ['workflows', name, 'steps', index],
              `environment '${environment}' has no file`,
              `Known environments: ${environments.join(', ')}.`,
            ),
          );
        }
      }
    });
  }
  return findings;
};

export const productionHasApprovals: Rule = ({ config, environment }) =>
  /^prod(uction)?$/.test(environment) && !config.approvals.required
    ? [
        warning(
          ['approvals', 'required'],
          `${environment} deploys without approval`,
          'Set approvals.required: true for production.',
        ),
      ]
    : [];

export const RULES: Readonly<Record<string, Rule>> = {
  somethingToDeploy,
  awsNamesFollowAwsRules,
  accountIdIsTwelveDigits,
  endpointIsAUrl,
  apiIdentifiedOnce,
  apiNamesItsFunction,
  atLeastOneFunction,
  uniqueFunctionNames,
  lambdaEnvironmentIsValid,
  uniqueHealthCheckNames,
  lambdaChecksNameAFunction,
  canaryStepsRiseTo100,
  canaryNeedsABackend,
  keysAreRelative,
  sourcesStayInTheProject,
  pathsStayInTheirFolder,
  workflowsNameKnownEnvironments,
  workflowStepsFitTogether,
  productionHasApprovals,
  webhooksUseHttps,
  httpApiNotImplemented,
  migrationPlaceholdersRemain,
};

export function runRules(context: RuleContext): RuleFinding[] {
  return Object.values(RULES).flatMap((rule) => rule(context));
}
