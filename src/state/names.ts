import { OmnixError } from '../core/errors.js';

const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const DEPLOYMENT_ID = /^d-[0-9TZ]+-[0-9a-f]+$/;
const APPROVAL_ID = /^a-[0-9TZ]+-[0-9a-f]+$/;

export const isEnvironmentName = (name: string): boolean => ENVIRONMENT.test(name);
export const isDeploymentId = (id: string): boolean => DEPLOYMENT_ID.test(id);

/** Environment names become folder names and key parts: nothing that could leave its place. */
export function checkEnvironment(environment: string): string {
  if (!isEnvironmentName(environment))
    throw new OmnixError('InvalidEnvironment', `'${environment}' is not an environment name`);
  return environment;
}

export function checkDeploymentId(id: string): string {
  if (!isDeploymentId(id)) throw new OmnixError('InvalidDeploymentId', `'${id}' is not a deployment id`);
  return id;
}

export function checkApprovalId(id: string): string {
  if (!APPROVAL_ID.test(id)) throw new OmnixError('InvalidApprovalId', `'${id}' is not an approval id`);
  return id;
}

export function checkReleaseNumber(number: number): number {
  if (!Number.isInteger(number) || number < 1)
    throw new OmnixError('InvalidRelease', `release numbers start at 1 (got ${number})`);
  return number;
}

export const releaseExists = (environment: string, number: number): OmnixError =>
  new OmnixError('ReleaseExists', `release v${number} of ${environment} already exists`);

export const lockLost = (environment: string, holder?: { user: string; host: string }): OmnixError =>
  new OmnixError(
    'LockLost',
    `the lock of ${environment} was taken over${holder ? ` by ${holder.user}@${holder.host}` : ''}`,
  );

export const lockContention = (environment: string): OmnixError =>
  new OmnixError('LockContention', `could not take the lock of ${environment} (too much contention)`, {
    hint: 'Try again.',
  });
