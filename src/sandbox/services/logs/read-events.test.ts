import {
  FilterLogEventsCommand,
  type FilterLogEventsCommandInput,
  GetLogEventsCommand,
  paginateFilterLogEvents,
  paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { logsSandbox } from '../../../../test/helpers/logs-sandbox.js';

const messages = (events: Array<{ message?: string }> | undefined) => (events ?? []).map((e) => e.message);

describe('sandbox CloudWatch Logs GetLogEvents', () => {
  async function streamOfSeven() {
    const context = await logsSandbox();
    const base = Date.now() - 60_000;
    await context.put(
      'g',
      's',
      [1, 2, 3, 4, 5, 6, 7].map((n) => ({ timestamp: base + n * 1000, message: `e${n}` })),
    );
    return { ...context, base };
  }

  it('reads from the head page by page, and hands back the same forward token at the end', async () => {
    const { client } = await streamOfSeven();
    const pages = [];
    for await (const page of paginateGetLogEvents(
      { client, stopOnSameToken: true },
      { logGroupName: 'g', logStreamName: 's', startFromHead: true },
    ))
      pages.push(page);
    expect(pages.map((p) => messages(p.events))).toEqual([
      ['e1', 'e2', 'e3'],
      ['e4', 'e5', 'e6'],
      ['e7'],
      [],
    ]);
    const last = pages.at(-1)!;
    const again = await client.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', nextToken: last.nextForwardToken }),
    );
    expect(again.events).toEqual([]);
    expect(again.nextForwardToken).toBe(last.nextForwardToken);
    expect(again.nextBackwardToken).toEqual(expect.stringMatching(/^b\//));
  });

  it('starts at the tail by default and walks backward to the same backward token at the start', async () => {
    const { client } = await streamOfSeven();
    const tail = await client.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's' }));
    expect(messages(tail.events)).toEqual(['e5', 'e6', 'e7']);
    const older = await client.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', nextToken: tail.nextBackwardToken }),
    );
    expect(messages(older.events)).toEqual(['e2', 'e3', 'e4']);
    const oldest = await client.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', nextToken: older.nextBackwardToken }),
    );
    expect(messages(oldest.events)).toEqual(['e1']);
    const start = await client.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', nextToken: oldest.nextBackwardToken }),
    );
    expect(start.events).toEqual([]);
    expect(start.nextBackwardToken).toBe(oldest.nextBackwardToken);
    // Forward again from where the backward walk ended.
    const forward = await client.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', nextToken: start.nextForwardToken }),
    );
    expect(messages(forward.events)).toEqual(['e1', 'e2', 'e3']);
  });

  it('sees events that arrive after the end was reached, with the forward token', async () => {
    const { client, put } = await streamOfSeven();
    const tail = await client.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's' }));
    await put('g', 's', [{ timestamp: Date.now(), message: 'e8' }]);
    const fresh = await client.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', nextToken: tail.nextForwardToken }),
    );
    expect(messages(fresh.events)).toEqual(['e8']);
  });

  it('takes startTime inclusive and endTime exclusive, and limit', async () => {
    const { client, base } = await streamOfSeven();
    const ranged = await client.send(
      new GetLogEventsCommand({
        logGroupName: 'g',
        logStreamName: 's',
        startFromHead: true,
        startTime: base + 2000,
        endTime: base + 5000,
      }),
    );
    expect(messages(ranged.events)).toEqual(['e2', 'e3', 'e4']);
    const one = await client.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', startFromHead: true, limit: 1 }),
    );
    expect(messages(one.events)).toEqual(['e1']);
    await expect(
      client.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', nextToken: 'f/123/s' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The specified nextToken is invalid.',
    });
    await expect(
      client.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 'missing' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
  });
});

describe('sandbox CloudWatch Logs FilterLogEvents', () => {
  async function twoStreams() {
    const context = await logsSandbox();
    const base = Date.now() - 60_000;
    await context.put('app', 'web', [
      { timestamp: base + 1000, message: 'INFO started' },
      { timestamp: base + 3000, message: 'ERROR payment failed' },
      { timestamp: base + 5000, message: '{"level":"ERROR","latency":120,"path":"/pay"}' },
    ]);
    await context.put('app', 'worker', [
      { timestamp: base + 2000, message: 'WARN slow queue' },
      { timestamp: base + 4000, message: 'ERROR retry exhausted' },
      { timestamp: base + 6000, message: '{"level":"INFO","latency":8,"path":"/health"}' },
    ]);
    const filter = (input: Omit<FilterLogEventsCommandInput, 'logGroupName'>) =>
      filterAll(context.client, { logGroupName: 'app', ...input });
    return { ...context, base, filter };
  }

  it('interleaves the streams in time order, over pages, with each event stream and id', async () => {
    const { client, filter } = await twoStreams();
    const events = await filter({});
    expect(events.map((e) => [e.logStreamName, e.message])).toEqual([
      ['web', 'INFO started'],
      ['worker', 'WARN slow queue'],
      ['web', 'ERROR payment failed'],
      ['worker', 'ERROR retry exhausted'],
      ['web', '{"level":"ERROR","latency":120,"path":"/pay"}'],
      ['worker', '{"level":"INFO","latency":8,"path":"/health"}'],
    ]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(6);
    const first = await client.send(new FilterLogEventsCommand({ logGroupName: 'app' }));
    expect(first.events).toHaveLength(3);
    expect(first.nextToken).toEqual(expect.any(String));
    expect(first.searchedLogStreams).toEqual([]);
  });

  it('narrows by stream names, stream prefix, time range (both ends inclusive) and limit', async () => {
    const { client, base, filter } = await twoStreams();
    expect(messages(await filter({ logStreamNames: ['worker', 'no-such-stream'] }))).toEqual([
      'WARN slow queue',
      'ERROR retry exhausted',
      '{"level":"INFO","latency":8,"path":"/health"}',
    ]);
    expect((await filter({ logStreamNamePrefix: 'we' })).every((e) => e.logStreamName === 'web')).toBe(true);
    expect(messages(await filter({ startTime: base + 2000, endTime: base + 4000 }))).toEqual([
      'WARN slow queue',
      'ERROR payment failed',
      'ERROR retry exhausted',
    ]);
    const limited = await client.send(new FilterLogEventsCommand({ logGroupName: 'app', limit: 2 }));
    expect(limited.events).toHaveLength(2);
    await expect(
      client.send(
        new FilterLogEventsCommand({
          logGroupName: 'app',
          logStreamNames: ['web'],
          logStreamNamePrefix: 'w',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(client.send(new FilterLogEventsCommand({ logGroupName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('matches term and JSON filter patterns', async () => {
    const { filter } = await twoStreams();
    const by = async (filterPattern: string) => messages(await filter({ filterPattern }));
    expect(await by('ERROR')).toEqual([
      'ERROR payment failed',
      'ERROR retry exhausted',
      '{"level":"ERROR","latency":120,"path":"/pay"}',
    ]);
    expect(await by('ERROR retry')).toEqual(['ERROR retry exhausted']);
    expect(await by('"payment failed"')).toEqual(['ERROR payment failed']);
    expect(await by('?WARN ?started')).toEqual(['INFO started', 'WARN slow queue']);
    expect(await by('ERROR -retry -latency')).toEqual(['ERROR payment failed']);
    expect(await by('{ $.level = "ERROR" }')).toEqual(['{"level":"ERROR","latency":120,"path":"/pay"}']);
    expect(await by('{ $.latency > 100 || $.path = "/heal*" }')).toHaveLength(2);
    expect(await by('{ $.level != "ERROR" && $.latency = 8 }')).toEqual([
      '{"level":"INFO","latency":8,"path":"/health"}',
    ]);
  });

  it('refuses a pattern it does not support instead of matching everything', async () => {
    const { client } = await twoStreams();
    for (const filterPattern of [
      '[ip, user, status = 500]',
      '%ERR.R%',
      '{ $.level == "ERROR" }',
      '"unclosed',
    ]) {
      await expect(
        client.send(new FilterLogEventsCommand({ logGroupName: 'app', filterPattern })),
      ).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: expect.stringMatching(/^Invalid filter pattern: .+/),
      });
    }
  });

  it('searches 1 MB events built to defeat a backtracking matcher and still answers correctly', async () => {
    const { client, put } = await logsSandbox();
    const now = Date.now();
    // A near-miss for a long term at every position, and JSON nested 100,000 levels deep.
    const nearMisses = `${'a'.repeat(1_000_000)}c`;
    const deep = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)},"level":"ERROR"}`;
    await put('big', 's', [{ timestamp: now - 2, message: nearMisses }]);
    await put('big', 's', [{ timestamp: now - 1, message: deep }]);
    const by = async (filterPattern: string) =>
      (await filterAll(client, { logGroupName: 'big', filterPattern })).map((e) => e.message?.length);
    expect(await by(`"${'a'.repeat(1000)}b"`)).toEqual([]);
    expect(await by(`"${'a'.repeat(1000)}c"`)).toEqual([nearMisses.length]);
    expect(await by('{ $.level = "ERR*" }')).toEqual([deep.length]);
  });
});

async function filterAll(
  client: Awaited<ReturnType<typeof logsSandbox>>['client'],
  input: FilterLogEventsCommandInput,
) {
  const events = [];
  for await (const page of paginateFilterLogEvents({ client }, input)) events.push(...(page.events ?? []));
  return events;
}
