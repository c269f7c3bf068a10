import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { sandbox } from '../../../test/helpers/sandbox.js';
import { createAwsClients } from './clients.js';
import { isOmnixSandbox } from './sandbox-endpoint.js';

/** An endpoint that is not an omnix sandbox (an emulator of another kind); it records the paths asked. */
async function otherEndpoint(status: number, body: unknown) {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(`${request.method} ${request.url}`);
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  onTestFinished(() => new Promise<void>((done) => server.close(() => done())));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

describe('recognising an omnix sandbox behind an endpoint (issue 14, defect 2)', () => {
  it('recognises the sandbox, and asks it once per process', async () => {
    const running = await sandbox();
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    onTestFinished(() => fetchSpy.mockRestore());
    expect(await isOmnixSandbox(running.endpoint)).toBe(true);
    expect(await isOmnixSandbox(`${running.endpoint}/`)).toBe(true);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['answers 404 (moto, LocalStack)', 404, { message: 'not found' }],
    ['answers 200 without the marker', 200, { ok: true }],
  ])('does not take an endpoint that %s for one', async (_, status, body) => {
    const other = await otherEndpoint(status, body);
    expect(await isOmnixSandbox(other.endpoint)).toBe(false);
    expect(other.paths).toEqual(['GET /_omnix/health']);
  });

  it('says no for an endpoint nothing answers at, and never asks for real AWS', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    onTestFinished(() => fetchSpy.mockRestore());
    expect(await isOmnixSandbox('')).toBe(false);
    expect(await isOmnixSandbox(undefined)).toBe(false);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(await isOmnixSandbox('http://127.0.0.1:1')).toBe(false);
  });
});

describe('credentials when none are configured (issue 14, defect 2: "any access key works")', () => {
  // No credentials anywhere the SDK's chain looks, and no instance metadata to wait for.
  beforeEach(() => {
    for (const name of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    ])
      vi.stubEnv(name, undefined);
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/omnix-test/config');
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/omnix-test/credentials');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  });
  afterEach(() => vi.unstubAllEnvs());

  it("uses the sandbox's credentials at an omnix sandbox", async () => {
    const running = await sandbox();
    const sts = await createAwsClients({
      region: 'us-east-1',
      endpoint: running.endpoint,
      maxAttempts: 1,
    }).sts();
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toMatch(/^\d{12}$/);
  });

  it('keeps the credentials the standard chain finds at a sandbox', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAMYOWNKEY');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'my-own-secret');
    const running = await sandbox();
    const clients = createAwsClients({ region: 'us-east-1', endpoint: running.endpoint, maxAttempts: 1 });
    const credentials = await (await clients.sts()).config.credentials();
    expect(credentials.accessKeyId).toBe('AKIAMYOWNKEY');
  });

  it('reports missing credentials at any other endpoint', async () => {
    const other = await otherEndpoint(404, {});
    const sts = await createAwsClients({
      region: 'us-east-1',
      endpoint: other.endpoint,
      maxAttempts: 1,
    }).sts();
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'CredentialsProviderError',
    });
    expect(other.paths).toEqual(['GET /_omnix/health']);
  });

  it('reports missing credentials for real AWS without asking any endpoint', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    onTestFinished(() => fetchSpy.mockRestore());
    const sts = await createAwsClients({ region: 'us-east-1', maxAttempts: 1 }).sts();
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'CredentialsProviderError',
    });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
