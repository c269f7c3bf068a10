import { deploy } from '../../../actions/deploy/deploy.js';
import { healthNow } from '../../../actions/inspect/health-now.js';
import { validateNow } from '../../../actions/inspect/validate-now.js';
import { promote } from '../../../actions/promote/promote.js';
import { DeploymentFailedError, ValidationFailedError } from '../../../core/errors.js';
import type { StepRunner } from './context.js';

export const validateStep: StepRunner<'validate'> = async (step, context) => {
  const report = await validateNow({ ...context.base, environment: step.environment });
  const failed = report.checks.filter((check) => check.status === 'fail');
  if (report.status === 'fail')
    throw new ValidationFailedError(
      'ValidationFailed',
      `validation of ${step.environment} failed: ${failed.map((check) => `${check.name}: ${check.message}`).join('; ')}`,
      { hint: `See: omnix validate ${step.environment}` },
    );
  return { status: report.status, checks: report.checks.length };
};

export const deployStep: StepRunner<'deploy'> = async (step, context) => {
  const outcome = await deploy({
    ...context.base,
    environment: step.environment,
    extensions: context.extensions(step.environment),
    ...(context.resuming ? { resumeInterrupted: true } : {}),
  });
  return {
    status: outcome.status,
    ...('deploymentId' in outcome ? { deploymentId: outcome.deploymentId } : {}),
    ...('release' in outcome && outcome.release !== undefined ? { release: outcome.release } : {}),
  };
};

export const healthStep: StepRunner<'health'> = async (step, context) => {
  const report = await healthNow({ ...context.base, environment: step.environment });
  if (report.status === 'fail')
    throw new DeploymentFailedError(
      'HealthCheckFailed',
      `${step.environment} is not healthy: ${report.checks
        .filter((check) => check.status === 'fail')
        .map((check) => `${check.name}: ${check.message}`)
        .join('; ')}`,
      { hint: `See: omnix health ${step.environment}` },
    );
  return { status: report.status, release: report.release ?? null };
};

export const promoteStep: StepRunner<'promote'> = async (step, context) => {
  const outcome = await promote({
    ...context.base,
    from: step.from,
    to: step.to,
    extensions: context.extensions(step.to),
    ...(context.resuming ? { resumeInterrupted: true } : {}),
  });
  const deployment = outcome.deployment;
  return {
    status: deployment.status,
    source: outcome.source,
    ...('deploymentId' in deployment ? { deploymentId: deployment.deploymentId } : {}),
    ...('release' in deployment && deployment.release !== undefined ? { release: deployment.release } : {}),
  };
};
