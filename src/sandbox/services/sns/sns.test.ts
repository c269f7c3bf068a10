import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetTopicAttributesCommand,
  ListTopicsCommand,
  PublishCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../../test/helpers/sandbox.js';

describe('sandbox SNS', () => {
  it('creates topics idempotently by name, lists them in pages, reads their attributes and deletes them', async () => {
    const running = await sandbox({ accountId: '123456789012' });
    const sns = new SNSClient(running.client);
    const { TopicArn } = await sns.send(
      new CreateTopicCommand({ Name: 'deploys', Attributes: { DisplayName: 'Deploys' } }),
    );
    expect(TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:deploys');
    expect((await sns.send(new CreateTopicCommand({ Name: 'deploys' }))).TopicArn).toBe(TopicArn);
    for (let n = 0; n < 120; n++) await sns.send(new CreateTopicCommand({ Name: `t-${n}` }));
    const first = await sns.send(new ListTopicsCommand({}));
    expect(first.Topics).toHaveLength(100);
    const second = await sns.send(new ListTopicsCommand({ NextToken: first.NextToken! }));
    expect(second.NextToken).toBeUndefined();
    expect([...first.Topics!, ...second.Topics!].map((topic) => topic.TopicArn)).toContain(TopicArn);
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
    expect(Attributes).toMatchObject({ TopicArn, DisplayName: 'Deploys', Owner: '123456789012' });
    await sns.send(new DeleteTopicCommand({ TopicArn }));
    await sns.send(new DeleteTopicCommand({ TopicArn }));
    await expect(sns.send(new GetTopicAttributesCommand({ TopicArn }))).rejects.toMatchObject({
      name: 'NotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('publishes to a topic, keeping the message and its attributes where tests can read them', async () => {
    const running = await sandbox();
    const sns = new SNSClient(running.client);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'omnix-events' }));
    const { MessageId } = await sns.send(
      new PublishCommand({
        TopicArn,
        Subject: 'shop production: deployment succeeded',
        Message: 'release v3 is live',
        MessageAttributes: { event: { DataType: 'String', StringValue: 'succeeded' } },
      }),
    );
    expect(MessageId).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await (await fetch(`${running.endpoint}/_omnix/sns/omnix-events`)).json();
    expect(kept.messages).toEqual([
      expect.objectContaining({
        MessageId,
        Subject: 'shop production: deployment succeeded',
        Message: 'release v3 is live',
        MessageAttributes: { event: { DataType: 'String', StringValue: 'succeeded' } },
      }),
    ]);
  });

  it('refuses what AWS refuses: unknown topics, bad names, subjects and attributes, oversized messages', async () => {
    const running = await sandbox();
    const sns = new SNSClient(running.client);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'events' }));
    await expect(sns.send(new CreateTopicCommand({ Name: 'no spaces' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Topic Name',
    });
    await expect(
      sns.send(new PublishCommand({ TopicArn: `${TopicArn}-gone`, Message: 'x' })),
    ).rejects.toMatchObject({ name: 'NotFoundException', message: 'Topic does not exist' });
    await expect(
      sns.send(new PublishCommand({ TopicArn, Message: 'x', Subject: 'two\nlines' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: Subject' });
    await expect(
      sns.send(
        new PublishCommand({
          TopicArn,
          Message: 'x',
          MessageAttributes: { n: { DataType: 'Date', StringValue: 'today' } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      sns.send(new PublishCommand({ TopicArn, Message: 'x'.repeat(262_145) })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Message too long',
    });
    await expect(
      sns.send(new PublishCommand({ TopicArn, Message: '{"email":"x"}', MessageStructure: 'json' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
