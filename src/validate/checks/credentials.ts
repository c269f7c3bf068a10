import type { ValidationCheck } from '../types.js';

/** Deployments that take longer than this are rare; credentials must outlast at least this much. */
const MINIMUM_EXPECTED_MS = 10 * 60_000;

/** STS knows the credentials, they belong to the configured account, and they outlast a deployment. */
export const credentialsCheck: ValidationCheck = {
  name: 'credentials',
  async run(context) {
    const identity = await context.identity();
    const expected = context.loaded.config.aws.accountId;
    if (expected && identity.account !== expected)
      return {
        status: 'fail',
        message: `the credentials are for account ${identity.account}, but aws.accountId is ${expected}`,
        hint: 'Use credentials for the configured account (AWS_PROFILE or aws.profile), or fix aws.accountId.',
      };
    const sts = await context.clients.sts();
    const credentials = await sts.config.credentials();
    const expiresAt = credentials.expiration;
    const needed = Math.max(MINIMUM_EXPECTED_MS, 2 * (await context.slowestDeployment()));
    if (expiresAt) {
      const left = expiresAt.getTime() - context.now.getTime();
      if (left < needed)
        return {
          status: 'warn',
          message: `${identity.arn}: the credentials expire in ${Math.max(0, Math.round(left / 60_000))} min, before a deployment (up to ${Math.round(needed / 60_000)} min) would end`,
          hint: 'Refresh them (aws sso login, or assume the role again) before deploying.',
        };
    }
    return {
      status: 'pass',
      message: `${identity.arn} in account ${identity.account}${expiresAt ? `, valid until ${expiresAt.toISOString()}` : ''}`,
    };
  },
};
