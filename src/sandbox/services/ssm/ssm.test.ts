import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteParameterCommand,
  GetParameterCommand,
  GetParametersCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { sandbox, TEST_CREDENTIALS } from '../../../../test/helpers/sandbox.js';
import { createAwsClients } from '../../../providers/aws/clients.js';

async function ssm(options: Parameters<typeof sandbox>[0] = {}) {
  const running = await sandbox(options);
  return { running, client: new SSMClient(running.client) };
}

describe('sandbox SSM parameters', () => {
  it('puts and gets a String with its Version and ARN, and overwrites only when asked', async () => {
    const { client } = await ssm();
    expect(
      await client.send(
        new PutParameterCommand({ Name: '/shop/dev/url', Value: 'https://a', Type: 'String' }),
      ),
    ).toMatchObject({ Version: 1, Tier: 'Standard' });
    const { Parameter } = await client.send(new GetParameterCommand({ Name: '/shop/dev/url' }));
    expect(Parameter).toMatchObject({
      Name: '/shop/dev/url',
      Type: 'String',
      Value: 'https://a',
      Version: 1,
      ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/shop/dev/url',
      DataType: 'text',
      LastModifiedDate: expect.any(Date),
    });
    await expect(
      client.send(new PutParameterCommand({ Name: '/shop/dev/url', Value: 'https://b', Type: 'String' })),
    ).rejects.toMatchObject({ name: 'ParameterAlreadyExists', $metadata: { httpStatusCode: 400 } });
    expect(
      await client.send(
        new PutParameterCommand({ Name: '/shop/dev/url', Value: 'https://b', Overwrite: true }),
      ),
    ).toMatchObject({ Version: 2 });
    expect((await client.send(new GetParameterCommand({ Name: '/shop/dev/url' }))).Parameter).toMatchObject({
      Value: 'https://b',
      Type: 'String',
      Version: 2,
    });
  });

  it('returns a SecureString as an opaque value unless decryption is asked for', async () => {
    const { client } = await ssm();
    await client.send(
      new PutParameterCommand({
        Name: '/shop/dev/db-password',
        Value: 'hunter2-secret',
        Type: 'SecureString',
      }),
    );
    const hidden = (await client.send(new GetParameterCommand({ Name: '/shop/dev/db-password' }))).Parameter!;
    expect(hidden.Type).toBe('SecureString');
    expect(hidden.Value).not.toContain('hunter2');
    expect(hidden.Value).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
    const shown = await client.send(
      new GetParameterCommand({ Name: '/shop/dev/db-password', WithDecryption: true }),
    );
    expect(shown.Parameter?.Value).toBe('hunter2-secret');
  });

  it('gets several parameters, naming the missing ones in InvalidParameters', async () => {
    const { client } = await ssm();
    await client.send(new PutParameterCommand({ Name: 'plain', Value: 'p', Type: 'String' }));
    await client.send(new PutParameterCommand({ Name: '/list', Value: 'a,b,c', Type: 'StringList' }));
    await client.send(new PutParameterCommand({ Name: '/secret', Value: 's', Type: 'SecureString' }));
    const result = await client.send(
      new GetParametersCommand({ Names: ['plain', '/list', '/missing', '/secret'], WithDecryption: true }),
    );
    expect(result.Parameters?.map((p) => [p.Name, p.Type, p.Value])).toEqual([
      ['plain', 'String', 'p'],
      ['/list', 'StringList', 'a,b,c'],
      ['/secret', 'SecureString', 's'],
    ]);
    expect(result.InvalidParameters).toEqual(['/missing']);
  });

  it('deletes a parameter; a missing one is ParameterNotFound', async () => {
    const { client } = await ssm();
    await client.send(new PutParameterCommand({ Name: '/gone', Value: 'x', Type: 'String' }));
    await client.send(new DeleteParameterCommand({ Name: '/gone' }));
    await expect(client.send(new GetParameterCommand({ Name: '/gone' }))).rejects.toMatchObject({
      name: 'ParameterNotFound',
    });
    await expect(client.send(new DeleteParameterCommand({ Name: '/gone' }))).rejects.toMatchObject({
      name: 'ParameterNotFound',
    });
  });

  it('refuses a new parameter without a type, a bad name, and a value the AllowedPattern rejects', async () => {
    const { client } = await ssm();
    await expect(
      client.send(new PutParameterCommand({ Name: '/typeless', Value: 'x' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(
      client.send(new PutParameterCommand({ Name: 'no/leading-slash', Value: 'x', Type: 'String' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      client.send(new PutParameterCommand({ Name: '/aws/mine', Value: 'x', Type: 'String' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      client.send(
        new PutParameterCommand({ Name: '/port', Value: 'eighty', Type: 'String', AllowedPattern: '^\\d+$' }),
      ),
    ).rejects.toMatchObject({ name: 'ParameterPatternMismatchException' });
  });

  it('keeps parameters in the data folder across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omnix-ssm-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await ssm({ dataDir });
    await first.client.send(new PutParameterCommand({ Name: '/kept', Value: 'v', Type: 'SecureString' }));
    await first.running.stop();
    const second = await ssm({ dataDir });
    const { Parameter } = await second.client.send(
      new GetParameterCommand({ Name: '/kept', WithDecryption: true }),
    );
    expect([Parameter?.Value, Parameter?.Version]).toEqual(['v', 1]);
  });

  it("lets omnix's own ${ssm:} resolver read a SecureString from the sandbox", async () => {
    const { running, client } = await ssm();
    await client.send(
      new PutParameterCommand({ Name: '/omnix/dev/db-password', Value: 'pa55-word', Type: 'SecureString' }),
    );
    const clients = createAwsClients({
      region: 'us-east-1',
      endpoint: running.endpoint,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
    });
    const parameters = await clients.ssm();
    await expect(parameters.parameter('/omnix/dev/db-password')).resolves.toBe('pa55-word');
    await expect(parameters.parameter('/omnix/dev/missing')).rejects.toMatchObject({
      code: 'ParameterNotFound',
    });
  });
});
