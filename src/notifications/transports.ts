import type { NotificationTarget } from '../config/schema/notifications.js';
import { refusedUrl } from '../config/webhook-url.js';
import type { AwsClients } from '../providers/aws/clients.js';
import { describeEvent, headline, type NotificationEvent } from './event.js';
import { SIGNATURE_HEADER, signBody } from './signature.js';

/** One attempt to send `event` to `target`, given up when `signal` aborts. Throws on any failure. */
export async function sendOnce(
  target: NotificationTarget,
  event: NotificationEvent,
  signal: AbortSignal,
  clients: AwsClients | undefined,
): Promise<void> {
  if (target.type === 'sns') {
    if (!clients) throw new Error('no AWS access to publish with');
    const [{ publishToTopic }, sns] = await Promise.all([import('../providers/aws/sns.js'), clients.sns()]);
    await publishToTopic(
      sns,
      {
        topicArn: target.topicArn,
        // SNS subjects are ASCII, at most 100 characters, no line breaks.
        subject: headline(event)
          .replace(/[^\x20-\x7e]/g, '?')
          .slice(0, 100),
        body: describeEvent(event),
        attributes: { event: event.event, environment: event.environment },
      },
      signal,
    );
    return;
  }
  const url = target.type === 'slack' ? target.webhookUrl : target.url;
  const refused = refusedUrl(url);
  if (refused) throw new Error(`the URL ${refused}`);
  const body =
    target.type === 'slack' ? JSON.stringify({ text: describeEvent(event) }) : JSON.stringify(event);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'omnix-deploy',
    'x-omnix-event': event.event,
  };
  if (target.type === 'webhook' && target.signingSecret)
    headers[SIGNATURE_HEADER] = signBody(target.signingSecret, body, Math.floor(Date.now() / 1000));
  const response = await fetch(url, { method: 'POST', headers, body, signal, redirect: 'error' });
  // Read the answer so the connection is freed; its content is the receiver's, not shown.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`the receiver answered HTTP ${response.status}`);
}
