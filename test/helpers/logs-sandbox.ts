import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  type InputLogEvent,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { sandbox } from './sandbox.js';

/** A sandbox with small pages and a CloudWatch Logs client for it (test helper). */
export async function logsSandbox(options: Parameters<typeof sandbox>[0] = {}) {
  const running = await sandbox(options);
  const client = new CloudWatchLogsClient(running.client);
  /** Creates a group and its streams (once each) and puts the events into the stream. */
  const put = async (group: string, stream: string, events: InputLogEvent[]) => {
    await client.send(new CreateLogGroupCommand({ logGroupName: group })).catch(alreadyThere);
    await client
      .send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }))
      .catch(alreadyThere);
    return client.send(
      new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: events }),
    );
  };
  return { running, client, put };
}

function alreadyThere(error: { name?: string }): void {
  if (error.name !== 'ResourceAlreadyExistsException') throw error;
}

/** Events a few ms apart, ending now, with the given messages. */
export function recentEvents(...messages: string[]): InputLogEvent[] {
  const now = Date.now();
  return messages.map((message, i) => ({ timestamp: now - (messages.length - i) * 10, message }));
}
