import { describe, expect, it } from 'vitest';
import { deployTrustPolicy, parseRoleArn, planTrustPolicy } from './trust-policy.js';

const repository = { owner: 'acme', name: 'shop' };

describe("trust policies for GitHub's OIDC provider", () => {
  it('let only jobs of the repository in the named GitHub Environments assume the deploy role', () => {
    expect(deployTrustPolicy({ repository, account: '123456789012' }, ['staging', 'production'])).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'GitHubActionsDeploy',
          Effect: 'Allow',
          Principal: {
            Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': [
                'repo:acme/shop:environment:staging',
                'repo:acme/shop:environment:production',
              ],
            },
          },
        },
      ],
    });
  });

  it("let the repository's pull requests assume the plan role, in the role's partition", () => {
    const policy = planTrustPolicy({ repository, account: '123456789012', partition: 'aws-us-gov' });
    expect(policy.Statement[0]!.Principal.Federated).toBe(
      'arn:aws-us-gov:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
    );
    expect(policy.Statement[0]!.Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe(
      'repo:acme/shop:pull_request',
    );
  });

  it('leave the account to fill in when nothing says which it is', () => {
    expect(deployTrustPolicy({ repository }, ['staging']).Statement[0]!.Principal.Federated).toBe(
      'arn:aws:iam::<ACCOUNT_ID>:oidc-provider/token.actions.githubusercontent.com',
    );
  });

  it('read the partition and account of a role ARN, and nothing else', () => {
    expect(parseRoleArn('arn:aws:iam::123456789012:role/ci/omnix-deploy')).toEqual({
      partition: 'aws',
      account: '123456789012',
    });
    for (const bad of [
      'arn:aws:iam::123456789012:user/alice',
      'arn:aws:iam::12345:role/x',
      'omnix-deploy',
      'arn:aws:iam::123456789012:role/x y',
    ])
      expect(parseRoleArn(bad), bad).toBeUndefined();
  });
});
