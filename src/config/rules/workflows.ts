import { readDuration } from '../../core/duration.js';
import { error, type Rule, type RuleFinding } from './rule.js';

/**
 * What a workflow's steps need of each other: an approval covers the plan of a later deploy or promote
 * of its environment, a wait has a duration, and a notification knows whose targets to tell.
 */
export const workflowStepsFitTogether: Rule = ({ config }) => {
  const findings: RuleFinding[] = [];
  for (const [name, workflow] of Object.entries(config.workflows)) {
    let last: string | undefined;
    workflow.steps.forEach((step, index) => {
      const path = ['workflows', name, 'steps', index];
      if (step.step === 'approve') {
        const later = workflow.steps
          .slice(index + 1)
          .some(
            (next) =>
              (next.step === 'deploy' && next.environment === step.environment) ||
              (next.step === 'promote' && next.to === step.environment),
          );
        if (!later)
          findings.push({
            severity: 'error',
            path,
            message: `approve ${step.environment} is not followed by a deploy or promote of ${step.environment}`,
            hint: 'An approval covers the plan of the change that comes after it: add that step, or remove this one.',
          });
      }
      if (step.step === 'wait') {
        const reading = readDuration(step.duration);
        if (!reading.ok)
          findings.push({
            severity: 'error',
            path: [...path, 'duration'],
            message: `'${step.duration}' is not a duration of at most a week`,
            hint: 'Write it as 30s, 10m or 1h.',
          });
      }
      if (step.step === 'notify' && !step.environment && !last)
        findings.push({
          severity: 'error',
          path,
          message: 'notify needs an environment: no step before it names one',
          hint: 'Add `environment:` to the step.',
        });
      last =
        'environment' in step && step.environment
          ? step.environment
          : step.step === 'promote'
            ? step.to
            : last;
    });
  }
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
