import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';

/** Publishes one message to a topic, with string message attributes. */
export async function publishToTopic(
  sns: SNSClient,
  message: { topicArn: string; subject: string; body: string; attributes: Record<string, string> },
  signal?: AbortSignal,
): Promise<void> {
  await sns.send(
    new PublishCommand({
      TopicArn: message.topicArn,
      Subject: message.subject,
      Message: message.body,
      MessageAttributes: Object.fromEntries(
        Object.entries(message.attributes).map(([name, value]) => [
          name,
          { DataType: 'String', StringValue: value },
        ]),
      ),
    }),
    signal ? { abortSignal: signal } : {},
  );
}
