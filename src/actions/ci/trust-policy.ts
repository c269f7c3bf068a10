import { formatRepository, type GithubRepository } from './github-repository.js';

/** The issuer of GitHub Actions' OIDC tokens (github.com). */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** The audience configure-aws-credentials asks its token for. */
export const STS_AUDIENCE = 'sts.amazonaws.com';

/** An IAM role trust policy document. */
export interface TrustPolicy {
  Version: '2012-10-17';
  Statement: Array<{
    Sid: string;
    Effect: 'Allow';
    Principal: { Federated: string };
    Action: 'sts:AssumeRoleWithWebIdentity';
    Condition: { StringEquals: Record<string, string | string[]> };
  }>;
}

export interface TrustPolicyOptions {
  repository: GithubRepository;
  /** The AWS account of the OIDC provider; unknown: `<ACCOUNT_ID>` stands in its place. */
  account?: string;
  /** `aws`, `aws-cn`, `aws-us-gov`. @default 'aws' */
  partition?: string;
}

/**
 * The trust policy of the role deployment jobs assume: only jobs of `repository` running in one of the
 * GitHub Environments named (whose protection rules, such as required reviewers and allowed branches,
 * GitHub enforces before the job gets a token) may assume it.
 */
export function deployTrustPolicy(options: TrustPolicyOptions, environments: readonly string[]): TrustPolicy {
  const repo = formatRepository(options.repository);
  return policy(
    options,
    'GitHubActionsDeploy',
    environments.map((environment) => `repo:${repo}:environment:${environment}`),
  );
}

/**
 * The trust policy of the role pull-request jobs assume to plan and audit: any pull request of
 * `repository` (not of a fork, which gets no token) may assume it, so give it read access only.
 */
export function planTrustPolicy(options: TrustPolicyOptions): TrustPolicy {
  return policy(options, 'GitHubActionsPullRequests', [
    `repo:${formatRepository(options.repository)}:pull_request`,
  ]);
}

function policy(options: TrustPolicyOptions, sid: string, subjects: string[]): TrustPolicy {
  const partition = options.partition ?? 'aws';
  const account = options.account ?? '<ACCOUNT_ID>';
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: sid,
        Effect: 'Allow',
        Principal: { Federated: `arn:${partition}:iam::${account}:oidc-provider/${GITHUB_OIDC_HOST}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE,
            [`${GITHUB_OIDC_HOST}:sub`]: subjects.length === 1 ? subjects[0]! : subjects,
          },
        },
      },
    ],
  };
}

const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;

/** The partition and account of an IAM role ARN, or undefined when it is not one. */
export function parseRoleArn(arn: string): { partition: string; account: string } | undefined {
  const match = ROLE_ARN.exec(arn);
  return match ? { partition: match[1]!, account: match[2]! } : undefined;
}
