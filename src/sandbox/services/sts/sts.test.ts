import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { sandbox, TEST_CREDENTIALS } from '../../../../test/helpers/sandbox.js';

describe('sandbox STS', () => {
  it('GetCallerIdentity names a user after the access key, in the configured account', async () => {
    const running = await sandbox({ accountId: '123456789012' });
    const identity = await new STSClient(running.client).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({
      Account: '123456789012',
      Arn: `arn:aws:iam::123456789012:user/${TEST_CREDENTIALS.accessKeyId}`,
      UserId: expect.stringMatching(/^AIDA[A-Z0-9]{17}$/),
    });
  });
});
