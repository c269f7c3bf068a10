import { apiFunctionKey } from '../api-function.js';
import { error, type Rule, type RuleFinding } from './rule.js';

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

export const apiNamesItsFunction: Rule = ({ config }) => {
  const backend = config.backend;
  // With routes, each route names its function (rules/api.ts checks them).
  if (!backend?.api || backend.api.routes) return [];
  const key = apiFunctionKey(backend);
  const keys = Object.keys(backend.functions);
  if (key === undefined) {
    return [
      error(
        ['backend', 'api'],
        'cannot tell which function the API proxies to',
        `Set backend.api.function to one of: ${keys.join(', ')}, or map routes to functions in backend.api.routes.`,
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
