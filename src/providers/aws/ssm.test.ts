import { ParameterNotFound, SSMClient, SSMServiceException } from '@aws-sdk/client-ssm';
import { describe, expect, it, vi } from 'vitest';
import { createSsmParameters } from './ssm.js';

function clientAnswering(answer: () => Promise<unknown>) {
  const client = new SSMClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  const send = vi.fn((_command: unknown) => answer());
  client.send = send as unknown as SSMClient['send'];
  return { client, send };
}

describe('SSM parameters', () => {
  it('reads a parameter with decryption', async () => {
    const { client, send } = clientAnswering(async () => ({
      Parameter: { Name: '/shop/key', Value: 's3cret', Type: 'SecureString' },
    }));
    await expect(createSsmParameters(client).parameter('/shop/key')).resolves.toBe('s3cret');
    expect(send.mock.calls[0]![0]).toMatchObject({ input: { Name: '/shop/key', WithDecryption: true } });
  });

  it('says which parameter does not exist', async () => {
    const { client } = clientAnswering(async () => {
      throw new ParameterNotFound({ message: '', $metadata: {} });
    });
    await expect(createSsmParameters(client).parameter('/nope')).rejects.toMatchObject({
      code: 'ParameterNotFound',
      message: 'SSM parameter /nope does not exist',
    });
  });

  it('treats expired credentials as such', async () => {
    const { client } = clientAnswering(async () => {
      throw new SSMServiceException({
        name: 'ExpiredTokenException',
        message: 'token expired',
        $fault: 'client',
        $metadata: {},
      });
    });
    await expect(createSsmParameters(client).parameter('/x')).rejects.toMatchObject({
      code: 'ExpiredCredentials',
    });
  });
});
