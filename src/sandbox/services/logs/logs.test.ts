import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  type InputLogEvent,
  PutLogEventsCommand,
  paginateDescribeLogGroups,
  paginateDescribeLogStreams,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { logsSandbox, recentEvents } from '../../../../test/helpers/logs-sandbox.js';

const all = async <T>(pages: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
};

describe('sandbox CloudWatch Logs groups and streams', () => {
  it('creates, describes and deletes log groups, with AWS ARNs and errors', async () => {
    const { client } = await logsSandbox();
    await client.send(new CreateLogGroupCommand({ logGroupName: '/shop/api' }));
    await client.send(
      new CreateLogGroupCommand({ logGroupName: '/shop/web', logGroupClass: 'INFREQUENT_ACCESS' }),
    );
    await client.send(new CreateLogGroupCommand({ logGroupName: 'other' }));
    const { logGroups } = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/shop/' }));
    expect(logGroups).toEqual([
      {
        logGroupName: '/shop/api',
        creationTime: expect.any(Number),
        metricFilterCount: 0,
        arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/shop/api:*',
        logGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:/shop/api',
        storedBytes: 0,
        logGroupClass: 'STANDARD',
      },
      expect.objectContaining({ logGroupName: '/shop/web', logGroupClass: 'INFREQUENT_ACCESS' }),
    ]);
    const byPattern = await client.send(new DescribeLogGroupsCommand({ logGroupNamePattern: 'web' }));
    expect(byPattern.logGroups?.map((g) => g.logGroupName)).toEqual(['/shop/web']);

    await expect(client.send(new CreateLogGroupCommand({ logGroupName: '/shop/api' }))).rejects.toMatchObject(
      {
        name: 'ResourceAlreadyExistsException',
        message: 'The specified log group already exists',
        $metadata: { httpStatusCode: 400 },
      },
    );
    await expect(client.send(new CreateLogGroupCommand({ logGroupName: 'aws/mine' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Log groups starting with AWS/ are reserved for AWS.',
    });
    await expect(client.send(new CreateLogGroupCommand({ logGroupName: 'bad:name' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'bad:name' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
    });

    await client.send(new DeleteLogGroupCommand({ logGroupName: '/shop/web' }));
    await expect(client.send(new DeleteLogGroupCommand({ logGroupName: '/shop/web' }))).rejects.toMatchObject(
      {
        name: 'ResourceNotFoundException',
        message: 'The specified log group does not exist.',
      },
    );
    const left = await client.send(new DescribeLogGroupsCommand({}));
    expect(left.logGroups?.map((g) => g.logGroupName)).toEqual(['/shop/api', 'other']);
  });

  it('keeps log groups per region', async () => {
    const { client, running } = await logsSandbox();
    const { CloudWatchLogsClient } = await import('@aws-sdk/client-cloudwatch-logs');
    const west = new CloudWatchLogsClient({ ...running.client, region: 'eu-west-1' });
    await client.send(new CreateLogGroupCommand({ logGroupName: 'shared-name' }));
    await west.send(new CreateLogGroupCommand({ logGroupName: 'shared-name' }));
    const { logGroups } = await west.send(new DescribeLogGroupsCommand({}));
    expect(logGroups?.map((g) => g.arn)).toEqual([
      'arn:aws:logs:eu-west-1:000000000000:log-group:shared-name:*',
    ]);
  });

  it('pages log groups and streams through the SDK paginators, with AWS limits on limit', async () => {
    const { client } = await logsSandbox();
    for (const name of ['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7'])
      await client.send(new CreateLogGroupCommand({ logGroupName: name }));
    const groupPages = await all(paginateDescribeLogGroups({ client }, {}));
    expect(groupPages.map((p) => p.logGroups?.length)).toEqual([3, 3, 1]);
    expect(groupPages.flatMap((p) => p.logGroups!.map((g) => g.logGroupName))).toEqual([
      'g1',
      'g2',
      'g3',
      'g4',
      'g5',
      'g6',
      'g7',
    ]);
    const twoAtATime = await all(
      paginateDescribeLogGroups({ client, pageSize: 2 }, { logGroupNamePrefix: 'g' }),
    );
    expect(twoAtATime.map((p) => p.logGroups?.length)).toEqual([2, 2, 2, 1]);
    await expect(client.send(new DescribeLogGroupsCommand({ limit: 51 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining(
        "at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
      ),
    });

    for (const name of ['b', 'a', 'd', 'c', 'e']) {
      await client.send(new CreateLogStreamCommand({ logGroupName: 'g1', logStreamName: name }));
    }
    const streams = await all(paginateDescribeLogStreams({ client }, { logGroupName: 'g1' }));
    expect(streams.flatMap((p) => p.logStreams!.map((s) => s.logStreamName))).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    const descending = await all(
      paginateDescribeLogStreams({ client }, { logGroupName: 'g1', descending: true }),
    );
    expect(descending.flatMap((p) => p.logStreams!.map((s) => s.logStreamName))).toEqual([
      'e',
      'd',
      'c',
      'b',
      'a',
    ]);
  });

  it('describes streams by prefix or by last event time, with their event times and ARNs', async () => {
    const { client, put } = await logsSandbox();
    const now = Date.now();
    await put('app', 'web-2', [{ timestamp: now - 3000, message: 'old' }]);
    await put('app', 'web-1', [{ timestamp: now - 1000, message: 'new' }]);
    await put('app', 'worker', [{ timestamp: now - 2000, message: 'middle' }]);
    const web = await client.send(
      new DescribeLogStreamsCommand({ logGroupName: 'app', logStreamNamePrefix: 'web-' }),
    );
    expect(web.logStreams).toEqual([
      {
        logStreamName: 'web-1',
        creationTime: expect.any(Number),
        firstEventTimestamp: now - 1000,
        lastEventTimestamp: now - 1000,
        lastIngestionTime: expect.any(Number),
        arn: 'arn:aws:logs:us-east-1:000000000000:log-group:app:log-stream:web-1',
        storedBytes: 0,
      },
      expect.objectContaining({ logStreamName: 'web-2', lastEventTimestamp: now - 3000 }),
    ]);
    const latestFirst = await all(
      paginateDescribeLogStreams(
        { client, pageSize: 2 },
        { logGroupName: 'app', orderBy: 'LastEventTime', descending: true },
      ),
    );
    expect(latestFirst.flatMap((p) => p.logStreams!.map((s) => s.logStreamName))).toEqual([
      'web-1',
      'worker',
      'web-2',
    ]);
    await expect(
      client.send(
        new DescribeLogStreamsCommand({
          logGroupName: 'app',
          orderBy: 'LastEventTime',
          logStreamNamePrefix: 'w',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Cannot order by LastEventTime with a logStreamNamePrefix.',
    });
    const byArn = await client.send(
      new DescribeLogStreamsCommand({
        logGroupIdentifier: 'arn:aws:logs:us-east-1:000000000000:log-group:app:*',
      }),
    );
    expect(byArn.logStreams?.map((s) => s.logStreamName)).toEqual(['web-1', 'web-2', 'worker']);
    await expect(
      client.send(new DescribeLogStreamsCommand({ logGroupName: 'app', logGroupIdentifier: 'app' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      client.send(new DescribeLogStreamsCommand({ logGroupName: 'missing' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    await expect(
      client.send(new DescribeLogStreamsCommand({ logGroupName: 'app', nextToken: 'not-ours' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The specified nextToken is invalid.',
    });
  });

  it('creates and deletes streams, refusing duplicates, bad names and missing groups', async () => {
    const { client } = await logsSandbox();
    await expect(
      client.send(new CreateLogStreamCommand({ logGroupName: 'none', logStreamName: 's' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    await client.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    await client.send(
      new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: '2026/01/01/[$LATEST]abc' }),
    );
    await expect(
      client.send(
        new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: '2026/01/01/[$LATEST]abc' }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'The specified log stream already exists',
    });
    await expect(
      client.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 'a:b' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('Member must satisfy regular expression pattern: [^:*]*'),
    });
    await client.send(
      new DeleteLogStreamCommand({ logGroupName: 'g', logStreamName: '2026/01/01/[$LATEST]abc' }),
    );
    await expect(
      client.send(
        new DeleteLogStreamCommand({ logGroupName: 'g', logStreamName: '2026/01/01/[$LATEST]abc' }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
  });
});

describe('sandbox CloudWatch Logs PutLogEvents', () => {
  it('stores events, counting their bytes in the group', async () => {
    const { client, put } = await logsSandbox();
    const result = await put('g', 's', recentEvents('first', 'second', 'ünïcode'));
    expect(result.rejectedLogEventsInfo).toBeUndefined();
    const { events } = await client.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', startFromHead: true }),
    );
    expect(events?.map((e) => e.message)).toEqual(['first', 'second', 'ünïcode']);
    const { logGroups } = await client.send(new DescribeLogGroupsCommand({}));
    expect(logGroups?.[0]?.storedBytes).toBe(5 + 6 + Buffer.byteLength('ünïcode'));
  });

  it('refuses what AWS refuses: missing group or stream, disorder, too many, too large', async () => {
    const { client, put } = await logsSandbox();
    await put('g', 's', recentEvents('x'));
    const send = (logEvents: InputLogEvent[], group = 'g', stream = 's') =>
      client.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents }));
    await expect(send(recentEvents('x'), 'nope')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    await expect(send(recentEvents('x'), 'g', 'nope')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
    const now = Date.now();
    await expect(
      send([
        { timestamp: now, message: 'later' },
        { timestamp: now - 1, message: 'earlier' },
      ]),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Log events in a single PutLogEvents request must be in chronological order.',
    });
    const many = Array.from({ length: 10_001 }, () => ({ timestamp: now, message: 'm' }));
    await expect(send(many)).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('Member must have length less than or equal to 10000'),
    });
    const half = 'a'.repeat(600_000);
    await expect(
      send([
        { timestamp: now, message: half },
        { timestamp: now, message: half },
      ]),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Upload too large: 1200052 bytes exceeds limit of 1048576',
    });
    await expect(send([{ timestamp: now, message: 'a'.repeat(1_048_551) }])).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Log event too large: 1048577 bytes exceeds limit of 1048576',
    });
    await expect(
      send([
        { timestamp: now - 23.5 * 3600_000, message: 'a' },
        { timestamp: now + 3600_000, message: 'b' },
      ]),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    });
    const { events } = await client.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's' }));
    expect(events?.map((e) => e.message)).toEqual(['x']);
  });

  it('accepts a 1 MB event, and rejects events too old or too new while keeping the rest', async () => {
    const { client, put } = await logsSandbox();
    const now = Date.now();
    const result = await put('g', 's', [
      { timestamp: now - 15 * 24 * 3600_000, message: 'ancient' },
      { timestamp: now - 14 * 24 * 3600_000 - 1000, message: 'too old' },
      { timestamp: now, message: 'a'.repeat(1_048_350) },
      { timestamp: now + 1000, message: 'fine' },
      { timestamp: now + 3 * 3600_000, message: 'future' },
    ]);
    expect(result.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 2, tooNewLogEventStartIndex: 4 });
    const { events } = await client.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', startFromHead: true }),
    );
    expect(events?.map((e) => e.message?.length)).toEqual([1_048_350, 4]);
  });

  it('keeps groups, streams and events across a restart with a data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omnix-logs-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await logsSandbox({ dataDir, pageSize: 10 });
    await first.put('/app', 'one', recentEvents('a', 'b'));
    await first.put('/app', 'one', recentEvents('c'));
    await first.put('/app', 'two', recentEvents('d'));
    await first.client.send(new CreateLogGroupCommand({ logGroupName: '/gone' }));
    await first.client.send(new DeleteLogGroupCommand({ logGroupName: '/gone' }));
    await first.running.stop();

    const second = await logsSandbox({ dataDir, pageSize: 10 });
    const groups = await second.client.send(new DescribeLogGroupsCommand({}));
    expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual(['/app']);
    const { events } = await second.client.send(
      new GetLogEventsCommand({ logGroupName: '/app', logStreamName: 'one', startFromHead: true }),
    );
    expect(events?.map((e) => e.message)).toEqual(['a', 'b', 'c']);
    await second.put('/app', 'one', recentEvents('e'));
    const after = await second.client.send(
      new GetLogEventsCommand({ logGroupName: '/app', logStreamName: 'one', startFromHead: true, limit: 10 }),
    );
    expect(after.events?.map((e) => e.message)).toEqual(['a', 'b', 'c', 'e']);
  });
});
