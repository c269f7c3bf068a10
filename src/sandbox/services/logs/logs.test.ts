import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  paginateDescribeLogGroups,
  paginateDescribeLogStreams,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { logsSandbox } from '../../../../test/helpers/logs-sandbox.js';

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
