import { IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../../test/helpers/sandbox.js';

const USER = 'arn:aws:iam::000000000000:user/AKIASANDBOXTEST';

describe('sandbox IAM SimulatePrincipalPolicy', () => {
  it('allows everything for a principal without policies', async () => {
    const running = await sandbox();
    const result = await new IAMClient(running.client).send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: USER,
        ActionNames: ['s3:PutObject'],
        ResourceArns: ['arn:aws:s3:::b/k'],
      }),
    );
    expect(result.EvaluationResults?.[0]).toMatchObject({
      EvalActionName: 's3:PutObject',
      EvalDecision: 'allowed',
    });
  });

  it('evaluates wildcards, and an explicit Deny wins over an Allow', async () => {
    const running = await sandbox({
      pageSize: 2,
      iamPolicies: {
        [USER]: [
          {
            Statement: [
              { Effect: 'Allow', Action: ['s3:*', 'lambda:Get*'], Resource: '*' },
              {
                Sid: 'NoProd',
                Effect: 'Deny',
                Action: 's3:DeleteObject',
                Resource: 'arn:aws:s3:::shop-prod/*',
              },
            ],
          },
        ],
      },
    });
    const iam = new IAMClient(running.client);
    const result = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: USER,
        ActionNames: ['s3:DeleteObject', 'lambda:GetFunction', 'lambda:UpdateFunctionCode'],
        ResourceArns: ['arn:aws:s3:::shop-prod/index.html'],
      }),
    );
    expect(result.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ['s3:DeleteObject', 'explicitDeny'],
      ['lambda:GetFunction', 'allowed'],
    ]);
    expect(result.IsTruncated).toBe(true);
    const next = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: USER,
        ActionNames: ['s3:DeleteObject', 'lambda:GetFunction', 'lambda:UpdateFunctionCode'],
        ResourceArns: ['arn:aws:s3:::shop-prod/index.html'],
        Marker: result.Marker,
      }),
    );
    expect(next.EvaluationResults?.map((r) => r.EvalDecision)).toEqual(['implicitDeny']);
    expect(result.EvaluationResults?.[0]?.MatchedStatements?.[0]?.SourcePolicyId).toBe('NoProd');
  });

  it('takes new policies through the admin endpoint', async () => {
    const running = await sandbox({ pageSize: 100 });
    await fetch(`${running.endpoint}/_omnix/iam/policies`, {
      method: 'PUT',
      body: JSON.stringify({
        [USER]: [{ Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } }],
      }),
    });
    const result = await new IAMClient(running.client).send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: USER,
        ActionNames: ['iam:PassRole', 'sts:GetCallerIdentity'],
      }),
    );
    expect(result.EvaluationResults?.map((r) => r.EvalDecision)).toEqual(['implicitDeny', 'allowed']);
  });

  it('rejects a malformed principal ARN with InvalidInput', async () => {
    const running = await sandbox();
    await expect(
      new IAMClient(running.client).send(
        new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'bob', ActionNames: ['s3:GetObject'] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException', $metadata: { httpStatusCode: 400 } });
  });
});
