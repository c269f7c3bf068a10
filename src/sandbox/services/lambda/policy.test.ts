import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionCommand,
  GetPolicyCommand,
  LambdaClient,
  RemovePermissionCommand,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../../test/helpers/sandbox.js';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:shop-api';
const SOURCE = 'arn:aws:execute-api:us-east-1:000000000000:abc123/*/*/products';

async function lambda() {
  const running = await sandbox();
  const client = new LambdaClient(running.client);
  await client.send(
    new CreateFunctionCommand({
      FunctionName: 'shop-api',
      Runtime: 'nodejs20.x',
      Role: 'arn:aws:iam::000000000000:role/r',
      Handler: 'index.handler',
      Code: { ZipFile: zipSync({ 'index.mjs': strToU8('export const handler = async () => 1;') }) },
      Publish: true,
    }),
  );
  await waitUntilFunctionActiveV2({ client, maxWaitTime: 10, minDelay: 1 }, { FunctionName: 'shop-api' });
  await client.send(new CreateAliasCommand({ FunctionName: 'shop-api', Name: 'live', FunctionVersion: '1' }));
  return client;
}

const allowGateway = (sid: string, qualifier?: string) =>
  new AddPermissionCommand({
    FunctionName: 'shop-api',
    StatementId: sid,
    Action: 'lambda:InvokeFunction',
    Principal: 'apigateway.amazonaws.com',
    SourceArn: SOURCE,
    ...(qualifier ? { Qualifier: qualifier } : {}),
  });

const policyOf = async (client: LambdaClient, qualifier?: string) => {
  const answer = await client.send(new GetPolicyCommand({ FunctionName: 'shop-api', Qualifier: qualifier }));
  return { ...answer, document: JSON.parse(answer.Policy!) };
};

describe('sandbox Lambda resource policies', () => {
  it('adds a statement in the shape AWS returns and lists it with GetPolicy', async () => {
    const client = await lambda();
    const added = await client.send(allowGateway('apigw-products'));
    const statement = {
      Sid: 'apigw-products',
      Effect: 'Allow',
      Principal: { Service: 'apigateway.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: ARN,
      Condition: { ArnLike: { 'AWS:SourceArn': SOURCE } },
    };
    expect(JSON.parse(added.Statement!)).toEqual(statement);
    const { document, RevisionId } = await policyOf(client);
    expect(document).toEqual({ Version: '2012-10-17', Id: 'default', Statement: [statement] });
    expect(RevisionId).toEqual(expect.any(String));
  });

  it('keeps one policy per qualifier: the function, an alias and a version', async () => {
    const client = await lambda();
    await client.send(allowGateway('on-function'));
    await client.send(allowGateway('on-alias', 'live'));
    await client.send(
      new AddPermissionCommand({
        FunctionName: 'shop-api',
        Qualifier: '1',
        StatementId: 'account',
        Action: 'lambda:*',
        Principal: '111122223333',
        SourceAccount: '111122223333',
      }),
    );
    expect((await policyOf(client)).document.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      'on-function',
    ]);
    expect((await policyOf(client, 'live')).document.Statement).toEqual([
      expect.objectContaining({ Sid: 'on-alias', Resource: `${ARN}:live` }),
    ]);
    expect((await policyOf(client, '1')).document.Statement).toEqual([
      expect.objectContaining({
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Resource: `${ARN}:1`,
        Condition: { StringEquals: { 'AWS:SourceAccount': '111122223333' } },
      }),
    ]);
    await expect(client.send(allowGateway('x', 'nope'))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('refuses a duplicate statement id, a stale RevisionId, and bad members', async () => {
    const client = await lambda();
    await client.send(allowGateway('dup'));
    await expect(client.send(allowGateway('dup'))).rejects.toMatchObject({
      name: 'ResourceConflictException',
      $metadata: { httpStatusCode: 409 },
    });
    const { RevisionId } = await policyOf(client);
    await client.send(allowGateway('second'));
    await expect(
      client.send(
        new AddPermissionCommand({
          FunctionName: 'shop-api',
          StatementId: 'third',
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          RevisionId,
        }),
      ),
    ).rejects.toMatchObject({ name: 'PreconditionFailedException', $metadata: { httpStatusCode: 412 } });
    await expect(
      client.send(new RemovePermissionCommand({ FunctionName: 'shop-api', StatementId: 'dup', RevisionId })),
    ).rejects.toMatchObject({ name: 'PreconditionFailedException' });
    await expect(
      client.send(
        new AddPermissionCommand({
          FunctionName: 'shop-api',
          StatementId: 'bad',
          Action: 's3:GetObject',
          Principal: '*',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      client.send(
        new AddPermissionCommand({
          FunctionName: 'shop-api',
          StatementId: 'bad',
          Action: 'lambda:InvokeFunction',
          Principal: 'not a principal!',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('removes statements until GetPolicy finds no policy', async () => {
    const client = await lambda();
    await client.send(allowGateway('one'));
    const before = (await policyOf(client)).RevisionId;
    await client.send(
      new RemovePermissionCommand({ FunctionName: 'shop-api', StatementId: 'one', RevisionId: before }),
    );
    await expect(client.send(new GetPolicyCommand({ FunctionName: 'shop-api' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The resource you requested does not exist.',
    });
    await expect(
      client.send(new RemovePermissionCommand({ FunctionName: 'shop-api', StatementId: 'one' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Statement one is not found in resource policy.',
    });
    await expect(client.send(new GetPolicyCommand({ FunctionName: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
