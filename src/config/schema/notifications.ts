import { z } from 'zod';
import { DEPLOY_EVENTS, deployEvent, duration, secret, text } from './common.js';

const events = z
  .array(deployEvent)
  .default([...DEPLOY_EVENTS])
  .describe('Events that are sent (default: all of them).');

const delivery = {
  timeout: duration.default('5s').describe('How long one attempt may take before it is abandoned.'),
  retries: z
    .number()
    .int()
    .min(0)
    .max(5)
    .default(2)
    .describe('Further attempts after a failed one, with a growing pause between them.'),
};

const slack = z.strictObject({
  type: z.literal('slack').describe('A Slack-compatible incoming webhook.'),
  webhookUrl: secret(text).describe(
    'Incoming webhook URL, https (or http to loopback) (secret: never printed or stored).',
  ),
  events,
  ...delivery,
});

const webhook = z.strictObject({
  type: z
    .literal('webhook')
    .describe(
      'A generic JSON webhook, signed with HMAC-SHA256 (`X-Omnix-Signature`) when `signingSecret` is set.',
    ),
  url: secret(text).describe('Endpoint receiving a POST per event, https (or http to loopback) (secret).'),
  signingSecret: secret(z.string().min(16, 'expected a signing secret of at least 16 characters'))
    .optional()
    .describe('Key for the `X-Omnix-Signature` header (secret).'),
  events,
  ...delivery,
});

const sns = z.strictObject({
  type: z.literal('sns').describe('An Amazon SNS topic (Publish).'),
  topicArn: text.describe('ARN of the topic.'),
  events,
  ...delivery,
});

export const notificationsSchema = z
  .array(z.discriminatedUnion('type', [slack, webhook, sns]))
  .default([])
  .describe('Where deployment events are announced (see docs/orchestration.md).');

export type NotificationTarget = z.output<typeof notificationsSchema>[number];
