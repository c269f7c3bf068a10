import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  GetLogEventsCommand,
  type InputLogEvent,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { logsSandbox, recentEvents } from '../../../../test/helpers/logs-sandbox.js';

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
