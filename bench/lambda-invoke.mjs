#!/usr/bin/env node
// Lambda Invoke latency against the sandbox through the real AWS SDK v3: the cold invocation (a new
// worker process per function version, after each configuration change) and warm ones (a worker kept
// alive), as medians. Run after `npm run build`: node bench/lambda-invoke.mjs  (COLD=10 WARM=200)
// LINES=20 has the handler print that many console.log lines per invocation (they go to CloudWatch Logs).
import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { startSandbox } from '../dist/sandbox/server.js';

const coldRuns = Number(process.env.COLD ?? 10);
const warmRuns = Number(process.env.WARM ?? 200);
const lines = Number(process.env.LINES ?? 0);

const sandbox = await startSandbox({ port: 0, lambdaUpdateMs: 1 });
const client = new LambdaClient({
  region: 'us-east-1',
  endpoint: sandbox.endpoint,
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  maxAttempts: 1,
});
const code = zipSync({
  'index.mjs': strToU8(
    `export const handler = async (event) => {
      for (let i = 0; i < ${lines}; i++) console.log('line', i, event);
      return { statusCode: 200, body: JSON.stringify(event) };
    };`,
  ),
});
await client.send(
  new CreateFunctionCommand({
    FunctionName: 'bench',
    Runtime: 'nodejs20.x',
    Role: 'arn:aws:iam::000000000000:role/bench',
    Handler: 'index.handler',
    Code: { ZipFile: code },
  }),
);
await waitUntilFunctionActiveV2({ client, maxWaitTime: 10, minDelay: 1 }, { FunctionName: 'bench' });

const invoke = async () => {
  const start = process.hrtime.bigint();
  const result = await client.send(new InvokeCommand({ FunctionName: 'bench', Payload: strToU8('{"n":1}') }));
  if (result.FunctionError) throw new Error(Buffer.from(result.Payload).toString());
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const cold = [];
for (let i = 0; i < coldRuns; i++) {
  // A configuration change retires the warm worker, so the next invocation starts a new one.
  await client.send(
    new UpdateFunctionConfigurationCommand({
      FunctionName: 'bench',
      Environment: { Variables: { RUN: String(i) } },
    }),
  );
  await waitUntilFunctionUpdatedV2({ client, maxWaitTime: 10, minDelay: 1 }, { FunctionName: 'bench' });
  cold.push(await invoke());
}
const warm = [];
for (let i = 0; i < warmRuns; i++) warm.push(await invoke());
await sandbox.stop();

console.log(`cold invoke: median ${median(cold).toFixed(1)} ms over ${cold.length}`);
console.log(`warm invoke: median ${median(warm).toFixed(1)} ms over ${warm.length}`);
