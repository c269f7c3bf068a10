import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, onTestFinished } from 'vitest';
import { omnixProcess } from './helpers/omnix-process.js';
import { TEST_CREDENTIALS } from './helpers/sandbox.js';
import { testdir } from './helpers/testdir.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** `omnix sandbox start` in its own process, with a function invoked once: the sandbox and its worker. */
async function sandboxWithWorker() {
  const port = await freePort();
  const cwd = await testdir({});
  let child: ChildProcess | undefined;
  const run = omnixProcess(
    ['sandbox', 'start', '--port', String(port)],
    cwd,
    { PATH: process.env.PATH ?? '' },
    (c) => {
      child = c;
    },
  );
  onTestFinished(async () => {
    child?.kill('SIGKILL');
    await run;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await expect
    .poll(
      () =>
        fetch(`${endpoint}/_omnix/health`).then(
          (r) => r.ok,
          () => false,
        ),
      { timeout: 60_000, interval: 200 },
    )
    .toBe(true);
  const lambda = new LambdaClient({
    region: 'us-east-1',
    endpoint,
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
  });
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'pid',
      Runtime: 'nodejs20.x',
      Role: 'arn:aws:iam::000000000000:role/r',
      Handler: 'index.handler',
      Code: { ZipFile: zipSync({ 'index.mjs': strToU8('export const handler = async () => process.pid;') }) },
    }),
  );
  await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'pid' });
  const result = await lambda.send(new InvokeCommand({ FunctionName: 'pid' }));
  const workerPid = Number(Buffer.from(result.Payload!).toString());
  expect(alive(workerPid)).toBe(true);
  return { child: child!, run, workerPid };
}

describe('sandbox Lambda workers outlive no sandbox process', { timeout: 120_000 }, () => {
  it('stops its workers when the sandbox is stopped with SIGTERM', async () => {
    const { child, run, workerPid } = await sandboxWithWorker();
    child.kill('SIGTERM');
    expect((await run).code).toBe(0);
    await expect.poll(() => alive(workerPid), { timeout: 30_000 }).toBe(false);
  });

  it('leaves no worker behind when the sandbox process is killed outright', async () => {
    const { child, run, workerPid } = await sandboxWithWorker();
    child.kill('SIGKILL');
    await run;
    await expect.poll(() => alive(workerPid), { timeout: 30_000 }).toBe(false);
  });
});
