import { error, type Rule } from './rule.js';

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
