import { createHash } from 'node:crypto';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../../test/helpers/sandbox.js';

const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';
const zip = (files: Record<string, string>) =>
  Buffer.from(
    zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]))),
  );
const handlerReturning = (value: string) =>
  zip({
    'index.mjs': `export const handler = async (event) => ({ value: ${JSON.stringify(value)}, event });`,
  });

async function lambda(options: Parameters<typeof sandbox>[0] = {}) {
  const running = await sandbox(options);
  const client = new LambdaClient(running.client);
  const create = async (name: string, code: Buffer, extra: Record<string, unknown> = {}) => {
    const created = await client.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'nodejs20.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: code },
        ...extra,
      }),
    );
    await waitUntilFunctionActiveV2({ client, maxWaitTime: 10, minDelay: 1 }, { FunctionName: name });
    return created;
  };
  const invoke = async (name: string, payload: unknown = {}, qualifier?: string) => {
    const result = await client.send(
      new InvokeCommand({
        FunctionName: name,
        Qualifier: qualifier,
        Payload: Buffer.from(JSON.stringify(payload)),
        LogType: 'Tail',
      }),
    );
    return { ...result, json: JSON.parse(Buffer.from(result.Payload ?? []).toString() || 'null') };
  };
  return { running, client, create, invoke };
}

describe('sandbox Lambda functions', () => {
  it('creates a function from a zip, Pending then Active, with the CodeSha256 of the zip', async () => {
    const { client, create } = await lambda();
    const code = handlerReturning('v1');
    const created = await create('shop-api', code, {
      MemorySize: 256,
      Timeout: 10,
      Environment: { Variables: { STAGE: 'dev' } },
    });
    expect(created).toMatchObject({
      FunctionName: 'shop-api',
      Version: '$LATEST',
      State: 'Pending',
      MemorySize: 256,
      Timeout: 10,
      CodeSize: code.length,
    });
    expect(created.CodeSha256).toBe(createHash('sha256').update(code).digest('base64'));
    const got = await client.send(new GetFunctionCommand({ FunctionName: 'shop-api' }));
    expect(got.Configuration).toMatchObject({
      State: 'Active',
      LastUpdateStatus: 'Successful',
      Environment: { Variables: { STAGE: 'dev' } },
    });
    expect(got.Configuration?.FunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:shop-api');
    await expect(create('shop-api', code)).rejects.toMatchObject({ name: 'ResourceConflictException' });
    await expect(client.send(new GetFunctionCommand({ FunctionName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it("serves a version's package at GetFunction's Code.Location, and only code a version holds", async () => {
    const { client, create } = await lambda();
    const first = handlerReturning('v1');
    await create('shop-api', first, { Publish: true });
    await client.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'shop-api', ZipFile: handlerReturning('v2') }),
    );
    await waitUntilFunctionUpdatedV2({ client, maxWaitTime: 10, minDelay: 1 }, { FunctionName: 'shop-api' });
    const got = await client.send(new GetFunctionCommand({ FunctionName: 'shop-api', Qualifier: '1' }));
    const response = await fetch(got.Code!.Location!);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.status).toBe(200);
    expect(bytes.equals(first)).toBe(true);
    expect(createHash('sha256').update(bytes).digest('base64')).toBe(got.Configuration!.CodeSha256);
    const unknown = got.Code!.Location!.replace(/[0-9a-f]{64}$/, '0'.repeat(64));
    expect((await fetch(unknown)).status).toBe(404);
  });

  it('refuses a zip whose entries reach outside the package', async () => {
    const { client } = await lambda();
    const evil = zip({ '../evil.js': 'x' });
    await expect(
      client.send(
        new CreateFunctionCommand({
          FunctionName: 'evil',
          Runtime: 'nodejs20.x',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: evil },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
  });

  it('takes code from an S3 object', async () => {
    const { running, create, invoke } = await lambda();
    const s3 = new S3Client({ ...running.client, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'artifacts' }));
    await s3.send(
      new PutObjectCommand({ Bucket: 'artifacts', Key: 'api.zip', Body: handlerReturning('from-s3') }),
    );
    await create('from-s3', Buffer.alloc(0), { Code: { S3Bucket: 'artifacts', S3Key: 'api.zip' } });
    expect((await invoke('from-s3')).json.value).toBe('from-s3');
  });

  it('keeps an update InProgress for a while; a second update meanwhile conflicts, as on AWS', async () => {
    const { client, create } = await lambda({ lambdaUpdateMs: 300 });
    await create('busy', handlerReturning('v1'));
    const updated = await client.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'busy', ZipFile: handlerReturning('v2') }),
    );
    expect(updated.LastUpdateStatus).toBe('InProgress');
    await expect(
      client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'busy', MemorySize: 512 })),
    ).rejects.toMatchObject({ name: 'ResourceConflictException' });
    await waitUntilFunctionUpdatedV2({ client, maxWaitTime: 10, minDelay: 1 }, { FunctionName: 'busy' });
    const configured = await client.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'busy',
        MemorySize: 512,
        Environment: { Variables: { A: '1' } },
      }),
    );
    expect(configured).toMatchObject({ MemorySize: 512, Environment: { Variables: { A: '1' } } });
  });
});

describe('sandbox Lambda versions and aliases', () => {
  it('publishes versions with CodeSha256 and RevisionId preconditions, and reuses an unchanged one', async () => {
    const { client, create } = await lambda({ pageSize: 2 });
    const created = await create('api', handlerReturning('v1'));
    await expect(
      client.send(new PublishVersionCommand({ FunctionName: 'api', CodeSha256: 'AAAA' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await expect(
      client.send(new PublishVersionCommand({ FunctionName: 'api', RevisionId: 'stale' })),
    ).rejects.toMatchObject({ name: 'PreconditionFailedException', $metadata: { httpStatusCode: 412 } });
    const v1 = await client.send(
      new PublishVersionCommand({ FunctionName: 'api', CodeSha256: created.CodeSha256 }),
    );
    expect(v1).toMatchObject({
      Version: '1',
      FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:api:1',
    });
    expect((await client.send(new PublishVersionCommand({ FunctionName: 'api' }))).Version).toBe('1');
    await client.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'api', ZipFile: handlerReturning('v2') }),
    );
    await waitUntilFunctionUpdatedV2({ client, maxWaitTime: 10, minDelay: 1 }, { FunctionName: 'api' });
    expect((await client.send(new PublishVersionCommand({ FunctionName: 'api' }))).Version).toBe('2');
    const first = await client.send(new ListVersionsByFunctionCommand({ FunctionName: 'api' }));
    expect(first.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1']);
    const second = await client.send(
      new ListVersionsByFunctionCommand({ FunctionName: 'api', Marker: first.NextMarker }),
    );
    expect(second.Versions?.map((v) => v.Version)).toEqual(['2']);
    const old = await client.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'api', Qualifier: '1' }),
    );
    expect(old.CodeSha256).toBe(created.CodeSha256);
  });

  it('deletes a version no alias references, and refuses one that an alias does', async () => {
    const { client, create } = await lambda();
    await create('api', handlerReturning('v1'), { Publish: true });
    await client.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'api', ZipFile: handlerReturning('v2') }),
    );
    await waitUntilFunctionUpdatedV2({ client, maxWaitTime: 10, minDelay: 1 }, { FunctionName: 'api' });
    await client.send(new PublishVersionCommand({ FunctionName: 'api' }));
    await client.send(new CreateAliasCommand({ FunctionName: 'api', Name: 'live', FunctionVersion: '2' }));
    await expect(
      client.send(new DeleteFunctionCommand({ FunctionName: 'api', Qualifier: '2' })),
    ).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: 'Unable to delete version because the following aliases reference it: [live]',
    });
    await client.send(new DeleteFunctionCommand({ FunctionName: 'api', Qualifier: '1' }));
    const { Versions = [] } = await client.send(new ListVersionsByFunctionCommand({ FunctionName: 'api' }));
    expect(Versions.map((v) => v.Version)).toEqual(['$LATEST', '2']);
    await expect(
      client.send(new DeleteFunctionCommand({ FunctionName: 'api', Qualifier: '1' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('moves an alias between versions and splits traffic by routing weights', async () => {
    const { client, create, invoke } = await lambda();
    await create('api', handlerReturning('v1'), { Publish: true });
    await client.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'api', ZipFile: handlerReturning('v2') }),
    );
    await waitUntilFunctionUpdatedV2({ client, maxWaitTime: 10, minDelay: 1 }, { FunctionName: 'api' });
    await client.send(new PublishVersionCommand({ FunctionName: 'api' }));
    const alias = await client.send(
      new CreateAliasCommand({ FunctionName: 'api', Name: 'live', FunctionVersion: '1' }),
    );
    expect(alias.AliasArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:api:live');
    expect((await invoke('api', {}, 'live')).json.value).toBe('v1');
    expect((await invoke('api:live')).ExecutedVersion).toBe('1');

    await client.send(
      new UpdateAliasCommand({
        FunctionName: 'api',
        Name: 'live',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } },
      }),
    );
    const executed = new Set<string>();
    for (let i = 0; i < 30; i++) executed.add((await invoke('api', {}, 'live')).ExecutedVersion!);
    expect([...executed].sort()).toEqual(['1', '2']);

    await client.send(
      new UpdateAliasCommand({
        FunctionName: 'api',
        Name: 'live',
        FunctionVersion: '2',
        RoutingConfig: { AdditionalVersionWeights: {} },
      }),
    );
    const moved = await client.send(new GetAliasCommand({ FunctionName: 'api', Name: 'live' }));
    expect(moved).toMatchObject({ FunctionVersion: '2' });
    expect(moved.RoutingConfig).toBeUndefined();
    await expect(
      client.send(
        new UpdateAliasCommand({
          FunctionName: 'api',
          Name: 'live',
          RoutingConfig: { AdditionalVersionWeights: { '1': 1.5 } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await expect(
      client.send(new UpdateAliasCommand({ FunctionName: 'api', Name: 'live', FunctionVersion: '9' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('sandbox Lambda Invoke', () => {
  it('runs the handler with the event, its own environment and a context', async () => {
    const { create, invoke } = await lambda();
    await create(
      'env',
      zip({
        'index.mjs': `export const handler = async (event, context) => { console.log('hello from the handler'); return { stage: process.env.STAGE, home: process.env.HOME ?? null, name: context.functionName, remaining: context.getRemainingTimeInMillis() > 0, event }; };`,
      }),
      { Environment: { Variables: { STAGE: 'test' } } },
    );
    const result = await invoke('env', { hello: 'world' });
    expect(result.FunctionError).toBeUndefined();
    expect(result.json).toEqual({
      stage: 'test',
      home: null,
      name: 'env',
      remaining: true,
      event: { hello: 'world' },
    });
    expect(Buffer.from(result.LogResult!, 'base64').toString()).toContain('hello from the handler');
  });

  it('runs CommonJS handlers and callback-style handlers', async () => {
    const { create, invoke } = await lambda();
    await create(
      'cjs',
      zip({
        'app.js': 'exports.main = (event, context, callback) => callback(null, { doubled: event.n * 2 });',
      }),
      { Handler: 'app.main' },
    );
    expect((await invoke('cjs', { n: 21 })).json).toEqual({ doubled: 42 });
  });

  it('returns a thrown error as a function error', async () => {
    const { create, invoke } = await lambda();
    await create(
      'broken',
      zip({ 'index.mjs': 'export const handler = async () => { throw new TypeError("no such order"); };' }),
    );
    const result = await invoke('broken');
    expect(result.FunctionError).toBe('Unhandled');
    expect(result.json).toMatchObject({ errorType: 'TypeError', errorMessage: 'no such order' });
  });

  it('stops a handler at its timeout', async () => {
    const { create, invoke } = await lambda();
    await create('slow', zip({ 'index.mjs': 'export const handler = () => new Promise(() => {});' }), {
      Timeout: 1,
    });
    const result = await invoke('slow');
    expect(result.FunctionError).toBe('Unhandled');
    expect(result.json).toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'Task timed out after 1.00 seconds',
    });
  });

  it('says when the handler is not exported', async () => {
    const { create, invoke } = await lambda();
    await create('typo', zip({ 'index.mjs': 'export const handle = async () => 1;' }));
    expect((await invoke('typo')).json).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.handler is undefined or not exported',
    });
  });
});
