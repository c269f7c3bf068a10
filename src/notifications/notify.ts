import type { LoadedConfig } from '../config/load.js';
import { referenceReadersOf, resolveDeployTimeReferences } from '../config/resolve-deploy-time.js';
import { hideSecretValues, secretValues } from '../config/secret-values.js';
import { emit, type Report } from '../core/events.js';
import type { AwsClients } from '../providers/aws/clients.js';
import { type Delivery, deliver } from './deliver.js';
import type { NotificationEvent } from './event.js';

export type { Delivery } from './deliver.js';
export type { NotificationEvent, NotifiedEventName } from './event.js';

export interface NotifyContext {
  /** The environment's configuration: its `notifications` say where events go, its secrets what to hide. */
  loaded: LoadedConfig;
  /** For SNS, and to read `${ssm:}` webhook URLs. */
  clients?: AwsClients;
  /** Undelivered notifications are warnings here. */
  report?: Report;
}

/**
 * Sends `event` to every configured target that lists it, in parallel, each within its own timeout and
 * retries: returns what became of each, and never throws. No secret value of the environment appears in
 * what is sent (the event passes through the secret hider first), nor in a warning.
 */
export async function notify(event: NotificationEvent, context: NotifyContext): Promise<Delivery[]> {
  const targets = context.loaded.config.notifications.filter((target) => target.events.includes(event.event));
  if (targets.length === 0) return [];
  const resolved = await resolveTargets(context);
  const values = secretValues(resolved.config, resolved.secretPaths);
  const hide = (text: string) => hideSecretValues(text, values);
  const safe = JSON.parse(hide(JSON.stringify(event))) as NotificationEvent;
  const deliveries = await Promise.all(
    resolved.config.notifications.flatMap((target, index) =>
      target.events.includes(event.event) ? [deliver(target, index, safe, context.clients, hide)] : [],
    ),
  );
  for (const delivery of deliveries)
    if (!delivery.delivered && context.report)
      emit(
        context.report,
        'warn',
        'notify',
        `the ${event.event} notification to ${delivery.target} was not delivered after ${delivery.attempts} attempt(s): ${delivery.error}`,
      );
  return deliveries;
}

/** The configuration with webhook URLs behind `${ssm:}` read; as loaded when they cannot be. */
async function resolveTargets(context: NotifyContext): Promise<LoadedConfig> {
  const { loaded, clients } = context;
  const waiting = [...loaded.pending.keys()].some((path) => path.startsWith('notifications'));
  if (!waiting || !clients) return loaded;
  const result = await resolveDeployTimeReferences(loaded, referenceReadersOf(clients)).catch(
    () => undefined,
  );
  return result?.ok ? result : loaded;
}
