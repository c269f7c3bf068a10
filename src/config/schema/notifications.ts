import { z } from 'zod';
import { DEPLOY_EVENTS, deployEvent, secret, text } from './common.js';

const events = z
  .array(deployEvent)
  .default([...DEPLOY_EVENTS])
  .describe('Events that are sent.');

const slack = z.strictObject({
  type: z.literal('slack').describe('A Slack-compatible incoming webhook.'),
  webhookUrl: secret(text).describe('Incoming webhook URL (secret: never printed or stored).'),
  events,
});

const webhook = z.strictObject({
  type: z
    .literal('webhook')
    .describe('A generic JSON webhook, signed with HMAC-SHA256 when `signingSecret` is set.'),
  url: secret(text).describe('Endpoint receiving a POST per event (secret).'),
  signingSecret: secret(z.string()).optional().describe('Key for the `X-Omnix-Signature` header (secret).'),
  events,
});

const sns = z.strictObject({
  type: z.literal('sns').describe('An Amazon SNS topic.'),
  topicArn: text.describe('ARN of the topic.'),
  events,
});

export const notificationsSchema = z
  .array(z.discriminatedUnion('type', [slack, webhook, sns]))
  .default([])
  .describe('Where deployment events are announced.');
