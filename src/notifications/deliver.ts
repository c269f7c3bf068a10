import type { NotificationTarget } from '../config/schema/notifications.js';
import { parseDuration } from '../core/duration.js';
import type { AwsClients } from '../providers/aws/clients.js';
import type { NotificationEvent } from './event.js';
import { sendOnce } from './transports.js';

/** What became of one notification: recorded with the deployment when it was not delivered. */
export interface Delivery {
  event: string;
  /** `notifications[0] (slack)`: never the URL, which is a secret. */
  target: string;
  delivered: boolean;
  attempts: number;
  error?: string;
}

const FIRST_PAUSE_MS = 200;

/**
 * Sends with retries and a growing pause between attempts, all within the target's `timeout`: however the
 * receiver behaves (an error, no answer at all), this returns within that budget, and never throws.
 */
export async function deliver(
  target: NotificationTarget,
  index: number,
  event: NotificationEvent,
  clients: AwsClients | undefined,
  hide: (text: string) => string,
): Promise<Delivery> {
  const budgetMs = parseDuration(target.timeout) ?? 5000;
  const deadline = Date.now() + budgetMs;
  const name = `notifications[${index}] (${target.type})`;
  let attempts = 0;
  let lastError = 'not attempted';
  for (let attempt = 0; attempt <= target.retries; attempt++) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    attempts++;
    try {
      await sendOnce(target, event, AbortSignal.timeout(left), clients);
      return { event: event.event, target: name, delivered: true, attempts };
    } catch (error) {
      lastError = describeFailure(error);
    }
    const pause = Math.min(FIRST_PAUSE_MS * 2 ** attempt, deadline - Date.now());
    if (attempt < target.retries && pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
  }
  if (Date.now() >= deadline && !lastError.includes('timed out'))
    lastError = `${lastError} (gave up after ${target.timeout})`;
  return { event: event.event, target: name, delivered: false, attempts, error: hide(lastError) };
}

function describeFailure(error: unknown): string {
  const failure = error as Error & { cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError') return 'no answer: timed out';
  const cause = failure.cause?.code ?? failure.cause?.message;
  return cause ? `${failure.message} (${cause})` : (failure.message ?? String(error));
}
