import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  PublishVersionCommand,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../../test/helpers/sandbox.js';
import { MAX_OUTPUT_BYTES, TAIL_BYTES } from './function-log.js';

const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';
const zip = (source: string) => Buffer.from(zipSync({ 'index.mjs': strToU8(source) }));

/** A handler that prints in every way a Node.js function does, and fails or stalls on request. */
const PRINTER = zip(`
console.log('loading the module');
export const handler = async (event, context) => {
  console.log('hello', { n: 1 });
  console.info('two\\nlines');
  console.warn('careful');
  console.error('bad thing');
  console.debug('details');
  process.stdout.write('raw one\\nraw two\\n');
  for (let i = 0; i < (event.lines ?? 0); i++) console.log(String(i).padStart(8, '0') + 'x'.repeat(event.width));
  if (event.fail) throw Object.assign(new TypeError('no such order'), { orderId: 7 });
  if (event.reject) {
    Promise.reject(new Error('nobody listens'));
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  if (event.stall) await new Promise((resolve) => setTimeout(resolve, 60_000));
  return { stream: context.logStreamName, group: context.logGroupName, env: process.env.AWS_LAMBDA_LOG_STREAM_NAME };
};`);

const ISO = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';
const STREAM = /^\d{4}\/\d{2}\/\d{2}\/\[(\$LATEST|\d+)\][0-9a-f]{32}$/;
const REPORT =
  /^REPORT RequestId: (\S+)\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: [1-9]\d* MB\t(Init Duration: \d+\.\d{2} ms\t)?(Status: [^\n]*)?\n$/;

async function functionWithLogs() {
  const running = await sandbox({ pageSize: 1000 });
  const lambda = new LambdaClient(running.client);
  const logs = new CloudWatchLogsClient(running.client);
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'printer',
      Runtime: 'nodejs20.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: PRINTER },
      Timeout: 1,
    }),
  );
  await waitUntilFunctionActiveV2(
    { client: lambda, maxWaitTime: 10, minDelay: 1 },
    { FunctionName: 'printer' },
  );
  const invoke = async (payload: unknown = {}, qualifier?: string) => {
    const result = await lambda.send(
      new InvokeCommand({
        FunctionName: 'printer',
        Qualifier: qualifier,
        Payload: Buffer.from(JSON.stringify(payload)),
        LogType: 'Tail',
      }),
    );
    return {
      ...result,
      requestId: result.$metadata.requestId!,
      json: JSON.parse(Buffer.from(result.Payload ?? []).toString() || 'null'),
      tail: Buffer.from(result.LogResult ?? '', 'base64').toString('utf8'),
    };
  };
  /** Every message of the function's only stream, oldest first. */
  const streamMessages = async (stream: string) => {
    const messages: string[] = [];
    for await (const page of paginateGetLogEvents(
      { client: logs, stopOnSameToken: true },
      { logGroupName: '/aws/lambda/printer', logStreamName: stream, startFromHead: true },
    ))
      messages.push(...(page.events ?? []).map((e) => e.message!));
    return messages;
  };
  return { lambda, logs, invoke, streamMessages };
}

/** The messages an invocation wrote: from its START line to its REPORT line. */
function invocationMessages(messages: string[], requestId: string): string[] {
  const start = messages.findIndex((m) => m.startsWith(`START RequestId: ${requestId} `));
  const end = messages.findIndex((m) => m.startsWith(`REPORT RequestId: ${requestId}\t`));
  return start < 0 || end < 0 ? [] : messages.slice(start, end + 1);
}

describe('sandbox Lambda logs in CloudWatch Logs', () => {
  it('writes START, the console output in the Node.js format, END and REPORT to /aws/lambda/<name>', async () => {
    const { logs, invoke, streamMessages } = await functionWithLogs();
    const cold = await invoke();
    const warm = await invoke();

    const { logStreams } = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/printer' }),
    );
    expect(logStreams).toHaveLength(1);
    const stream = logStreams![0]!.logStreamName!;
    expect(stream).toMatch(STREAM);
    expect(stream.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10).replaceAll('-', '/'));
    expect(cold.json).toEqual({ stream, group: '/aws/lambda/printer', env: stream });

    const messages = await streamMessages(stream);
    expect(messages[0]).toMatch(new RegExp(`^${ISO}\tundefined\tINFO\tloading the module\n$`));
    const id = cold.requestId;
    const lines = invocationMessages(messages, id);
    expect(lines.slice(0, -1)).toEqual([
      `START RequestId: ${id} Version: $LATEST\n`,
      expect.stringMatching(new RegExp(`^${ISO}\t${id}\tINFO\thello { n: 1 }\n$`)),
      expect.stringMatching(new RegExp(`^${ISO}\t${id}\tINFO\ttwo\nlines\n$`)),
      expect.stringMatching(new RegExp(`^${ISO}\t${id}\tWARN\tcareful\n$`)),
      expect.stringMatching(new RegExp(`^${ISO}\t${id}\tERROR\tbad thing\n$`)),
      expect.stringMatching(new RegExp(`^${ISO}\t${id}\tDEBUG\tdetails\n$`)),
      'raw one\n',
      'raw two\n',
      `END RequestId: ${id}\n`,
    ]);
    const coldReport = REPORT.exec(lines.at(-1)!);
    expect(coldReport?.[1]).toBe(id);
    expect(coldReport?.[2]).toBeDefined();
    const warmReport = REPORT.exec(invocationMessages(messages, warm.requestId).at(-1)!);
    expect(warmReport?.[1]).toBe(warm.requestId);
    expect(warmReport?.[2]).toBeUndefined();
  });

  it('returns the invocation log, START to REPORT, base64 in LogResult with LogType Tail', async () => {
    const { invoke, streamMessages } = await functionWithLogs();
    const result = await invoke();
    expect(result.tail.startsWith(`START RequestId: ${result.requestId} Version: $LATEST\n`)).toBe(true);
    expect(result.tail).toMatch(/\tINFO\thello \{ n: 1 \}\n/);
    expect(result.tail).toMatch(
      new RegExp(`END RequestId: ${result.requestId}\nREPORT RequestId: ${result.requestId}\t`),
    );
    const stream = result.json.stream as string;
    expect(result.tail).toBe(invocationMessages(await streamMessages(stream), result.requestId).join(''));

    const long = await invoke({ lines: 200, width: 100 });
    expect(Buffer.byteLength(long.tail)).toBeLessThanOrEqual(TAIL_BYTES);
    expect(Buffer.byteLength(long.tail)).toBeGreaterThan(TAIL_BYTES - 200);
    expect(long.tail).toMatch(
      new RegExp(`END RequestId: ${long.requestId}\nREPORT RequestId: ${long.requestId}\t[^\n]*\n$`),
    );
  });

  it('writes a thrown error as the Node.js runtime does: ERROR Invoke Error and the error as JSON', async () => {
    const { logs, invoke } = await functionWithLogs();
    const failed = await invoke({ fail: true });
    expect(failed.FunctionError).toBe('Unhandled');
    const { events } = await logs.send(
      new FilterLogEventsCommand({ logGroupName: '/aws/lambda/printer', filterPattern: '"Invoke Error"' }),
    );
    expect(events).toHaveLength(1);
    const match = new RegExp(`^${ISO}\t${failed.requestId}\tERROR\tInvoke Error \t(\\{.*\\})\n$`).exec(
      events![0]!.message!,
    );
    expect(match).not.toBeNull();
    const error = JSON.parse(match![1]!);
    expect(error).toEqual({
      errorType: 'TypeError',
      errorMessage: 'no such order',
      orderId: 7,
      stack: expect.arrayContaining(['TypeError: no such order']),
    });
    expect(failed.tail).toContain('\tERROR\tInvoke Error \t{"errorType":"TypeError"');
  });

  it('writes an unhandled rejection, and a timeout as Lambda does, each in a new environment', async () => {
    const { logs, invoke } = await functionWithLogs();
    const rejected = await invoke({ reject: true });
    expect(rejected.json).toMatchObject({
      errorType: 'Runtime.UnhandledPromiseRejection',
      errorMessage: 'Error: nobody listens',
    });
    expect(rejected.tail).toMatch(
      new RegExp(
        `\t${rejected.requestId}\tERROR\tUnhandled Promise Rejection \t\\{"errorType":"Runtime.UnhandledPromiseRejection"`,
      ),
    );
    const timedOut = await invoke({ stall: true });
    expect(timedOut.json).toMatchObject({ errorType: 'Sandbox.Timedout' });
    // The lines that name the request id: how a reader finds an invocation whose stream it does not know.
    const { events } = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: '/aws/lambda/printer',
        filterPattern: `"${timedOut.requestId}"`,
      }),
    );
    const lines = events!.map((e) => e.message!);
    expect(lines[0]).toBe(`START RequestId: ${timedOut.requestId} Version: $LATEST\n`);
    expect(lines.at(-3)).toMatch(
      new RegExp(`^${ISO} ${timedOut.requestId} Task timed out after 1\\.\\d{2} seconds\n\n$`),
    );
    expect(lines.at(-2)).toBe(`END RequestId: ${timedOut.requestId}\n`);
    expect(lines.at(-1)).toMatch(REPORT);
    expect(lines.at(-1)).toContain('\tStatus: timeout\t');
    const { logStreams } = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/printer' }),
    );
    expect(logStreams).toHaveLength(2);
  });

  it('names a published version in the stream, and caps what one invocation may print', async () => {
    const { lambda, invoke, streamMessages } = await functionWithLogs();
    await lambda.send(new PublishVersionCommand({ FunctionName: 'printer' }));
    const versioned = await invoke({}, '1');
    expect(versioned.json.stream).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[1\][0-9a-f]{32}$/);
    expect(versioned.tail).toContain(`START RequestId: ${versioned.requestId} Version: 1\n`);

    // 3 MB of output: the log keeps the first MB, says it dropped the rest, and still ends the invocation.
    const loud = await invoke({ lines: 3000, width: 1024 });
    expect(loud.FunctionError).toBeUndefined();
    const lines = invocationMessages(await streamMessages(loud.json.stream), loud.requestId);
    const printed = lines.filter((line) => !/^(START|END|REPORT) RequestId/.test(line));
    const bytes = printed.reduce((sum, line) => sum + Buffer.byteLength(line), 0);
    expect(bytes).toBeLessThanOrEqual(MAX_OUTPUT_BYTES + 200);
    expect(bytes).toBeGreaterThan(MAX_OUTPUT_BYTES - 2000);
    expect(printed.at(-1)).toMatch(/dropped the rest of this output/);
    expect(lines.at(-1)).toMatch(REPORT);
  });
});
