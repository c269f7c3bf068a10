import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, onTestFinished } from 'vitest';
import { sandbox } from '../../../../test/helpers/sandbox.js';

const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';
const zip = (source: string) => Buffer.from(zipSync({ 'index.mjs': strToU8(source) }));

/** A handler that says which process ran it and what it can see. */
const REPORTER = zip(`
import { existsSync, writeFileSync } from 'node:fs';
let calls = 0;
export const handler = async (event) => {
  calls++;
  if (event.wait) await new Promise((resolve) => setTimeout(resolve, event.wait));
  if (event.hold) {
    // Holds the invocation until the test says so: concurrency without depending on timing.
    writeFileSync(event.hold + '/started-' + process.pid + '-' + calls, '');
    while (!existsSync(event.hold + '/release')) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (event.exit) process.exit(3);
  if (event.throwLater) setTimeout(() => { throw new Error('late failure'); }, 0);
  if (event.throwLater) await new Promise((resolve) => setTimeout(resolve, 1000));
  return { pid: process.pid, calls, cwd: process.cwd(), keys: Object.keys(process.env).sort(), heap: process.execArgv, send: typeof process.send };
};`);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function lambda(options: Parameters<typeof sandbox>[0] = {}) {
  const running = await sandbox(options);
  const client = new LambdaClient(running.client);
  const create = async (name: string, code: Buffer, extra: Record<string, unknown> = {}) => {
    await client.send(
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
  };
  const invoke = async (name: string, payload: unknown = {}) => {
    const result = await client.send(
      new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(payload)) }),
    );
    return { ...result, json: JSON.parse(Buffer.from(result.Payload ?? []).toString() || 'null') };
  };
  return { running, client, create, invoke };
}

describe('sandbox Lambda workers', { timeout: 120_000 }, () => {
  it('runs a handler in its own process, kept warm between invocations, with only the function environment', async () => {
    process.env.OMNIX_SANDBOX_SECRET_FOR_TEST = 'not for handlers';
    const { running, create, invoke } = await lambda();
    await create('reporter', REPORTER, { MemorySize: 256, Environment: { Variables: { STAGE: 'dev' } } });
    const first = (await invoke('reporter')).json;
    const second = (await invoke('reporter')).json;
    expect(first.pid).not.toBe(process.pid);
    expect(second).toMatchObject({ pid: first.pid, calls: 2 });
    expect(first.heap[0]).toBe('--max-old-space-size=256');
    expect(first.keys).toContain('STAGE');
    expect(first.keys).toContain('AWS_LAMBDA_FUNCTION_NAME');
    expect(first.keys).not.toContain('OMNIX_SANDBOX_SECRET_FOR_TEST');
    expect(first.keys).not.toContain('PATH');
    expect(first.keys.filter((key: string) => key.startsWith('NODE_'))).toEqual([]);
    expect(running.lambdaWorkerPids()).toEqual([first.pid]);
    delete process.env.OMNIX_SANDBOX_SECRET_FOR_TEST;
  });

  it('starts a new worker when the configuration changes and stops the old one', async () => {
    const { client, create, invoke } = await lambda();
    await create('changing', REPORTER);
    const before = (await invoke('changing')).json;
    await client.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'changing',
        Environment: { Variables: { NEW: '1' } },
      }),
    );
    await waitUntilFunctionUpdatedV2({ client, maxWaitTime: 10, minDelay: 1 }, { FunctionName: 'changing' });
    const after = (await invoke('changing')).json;
    expect(after.pid).not.toBe(before.pid);
    expect(after.keys).toContain('NEW');
    await expect.poll(() => alive(before.pid), { timeout: 20_000 }).toBe(false);
  });

  it('runs concurrent invocations of one version in separate workers, within the sandbox-wide limit', async () => {
    const { running, create, invoke } = await lambda({ lambdaWorkers: 2 });
    await create('parallel', REPORTER);
    await create('other', REPORTER);
    const hold = mkdtempSync(join(tmpdir(), 'omnix-hold-'));
    onTestFinished(() => rmSync(hold, { recursive: true, force: true }));
    const pending = Promise.all([1, 2, 3].map(() => invoke('parallel', { hold })));
    // Two run at once (the limit); the third waits for one of them.
    await expect.poll(() => readdirSync(hold).length, { timeout: 60_000 }).toBe(2);
    writeFileSync(join(hold, 'release'), '');
    const results = await pending;
    expect(results.every((r) => r.FunctionError === undefined)).toBe(true);
    expect(new Set(results.map((r) => r.json.pid)).size).toBe(2);
    const other = (await invoke('other')).json;
    expect(running.lambdaWorkerPids()).toHaveLength(2);
    expect(running.lambdaWorkerPids()).toContain(other.pid);
  });

  it('reports process.exit and a late uncaught error as Unhandled, and the next invocation gets a fresh worker', async () => {
    const { create, invoke } = await lambda();
    await create('crashing', REPORTER);
    const exited = await invoke('crashing', { exit: true });
    expect(exited.FunctionError).toBe('Unhandled');
    expect(exited.json).toMatchObject({
      errorType: 'Runtime.ExitError',
      errorMessage: 'Runtime exited with error: exit status 3',
    });
    const late = await invoke('crashing', { throwLater: true });
    expect(late.FunctionError).toBe('Unhandled');
    expect(late.json).toMatchObject({ errorType: 'Error', errorMessage: 'late failure' });
    const next = await invoke('crashing');
    expect(next.FunctionError).toBeUndefined();
    expect(next.json.calls).toBe(1);
  });

  it('kills a worker that runs past its timeout', async () => {
    const { create, invoke } = await lambda();
    await create('sleepy', REPORTER, { Timeout: 1 });
    const { pid } = (await invoke('sleepy')).json;
    const timedOut = await invoke('sleepy', { wait: 60_000 });
    expect(timedOut.json).toMatchObject({ errorType: 'Sandbox.Timedout' });
    await expect.poll(() => alive(pid), { timeout: 20_000 }).toBe(false);
  });

  it('leaves no worker running when the sandbox stops, and removes the unpacked code', async () => {
    const { running, create, invoke } = await lambda();
    await create('a', REPORTER);
    await create('b', REPORTER);
    const [a, b] = [(await invoke('a')).json, (await invoke('b')).json];
    expect([alive(a.pid), alive(b.pid), existsSync(a.cwd)]).toEqual([true, true, true]);
    await running.stop();
    expect([alive(a.pid), alive(b.pid), existsSync(a.cwd)]).toEqual([false, false, false]);
    expect(running.lambdaWorkerPids()).toEqual([]);
  });

  it('runs the uploaded code, not a folder planted where code used to be unpacked', async () => {
    const honest = zip('export const handler = async () => "uploaded";');
    const hash = createHash('sha256').update(honest).digest('hex');
    const planted = join(tmpdir(), 'omnix-sandbox-lambda', hash);
    mkdirSync(planted, { recursive: true });
    writeFileSync(join(planted, 'index.mjs'), 'export const handler = async () => "planted";');
    const { create, invoke, running } = await lambda();
    await create('honest', honest);
    const reporter = zip('export const handler = async () => process.cwd();');
    await create('where', reporter);
    expect((await invoke('honest')).json).toBe('uploaded');
    const folder = (await invoke('where')).json as string;
    expect(folder.startsWith(`${join(tmpdir(), 'omnix-sandbox-lambda')}/`)).toBe(false);
    expect(statSync(dirname(folder)).mode & 0o777).toBe(0o700);
    await running.stop();
  });
});
