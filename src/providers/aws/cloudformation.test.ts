import { CloudFormationClient, CloudFormationServiceException } from '@aws-sdk/client-cloudformation';
import { describe, expect, it, vi } from 'vitest';
import { createCloudFormationOutputs } from './cloudformation.js';

function clientAnswering(answer: () => Promise<unknown>) {
  const client = new CloudFormationClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  const send = vi.fn((_command: unknown) => answer());
  client.send = send as unknown as CloudFormationClient['send'];
  return { client, send };
}

const sdkError = (name: string, message: string) =>
  new CloudFormationServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 400 } });

describe('CloudFormation stack outputs', () => {
  it('maps OutputKey to OutputValue for the named stack', async () => {
    const { client, send } = clientAnswering(async () => ({
      Stacks: [
        { Outputs: [{ OutputKey: 'DistributionId', OutputValue: 'E2ABC' }, { OutputKey: 'NoValue' }] },
      ],
    }));
    await expect(createCloudFormationOutputs(client).stackOutputs('shop-prod')).resolves.toEqual({
      DistributionId: 'E2ABC',
    });
    expect(send.mock.calls[0]![0]).toMatchObject({ input: { StackName: 'shop-prod' } });
  });

  it('treats a stack without outputs as having none', async () => {
    const { client } = clientAnswering(async () => ({ Stacks: [{}] }));
    await expect(createCloudFormationOutputs(client).stackOutputs('bare')).resolves.toEqual({});
  });

  it('says the stack does not exist when CloudFormation answers ValidationError', async () => {
    const { client } = clientAnswering(async () => {
      throw sdkError('ValidationError', 'Stack with id nope does not exist');
    });
    await expect(createCloudFormationOutputs(client).stackOutputs('nope')).rejects.toMatchObject({
      code: 'StackNotFound',
      message: 'CloudFormation stack nope does not exist',
    });
  });

  it('explains an access problem with a hint', async () => {
    const { client } = clientAnswering(async () => {
      throw sdkError('AccessDenied', 'User is not authorized to perform cloudformation:DescribeStacks');
    });
    await expect(createCloudFormationOutputs(client).stackOutputs('shop')).rejects.toMatchObject({
      code: 'AccessDenied',
      message: expect.stringContaining('reading the outputs of stack shop failed (AccessDenied)'),
      hint: expect.stringContaining('omnix iam-policy'),
    });
  });
});
