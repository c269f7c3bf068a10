import type { ChangeContext, ChangeExtension } from '../engine/change/extensions.js';
import type { DeploymentRecord } from '../records/index.js';

/**
 * Tells the configured notification targets that a deploy, rollback or recover started and how it ended.
 * Deliveries are kept in the record; an undelivered one is a warning, never a failed change.
 */
export function notificationsExtension(): ChangeExtension {
  const send = async (context: ChangeContext, record: DeploymentRecord, moment: 'started' | 'finished') => {
    if (context.loaded.config.notifications.length === 0) return;
    const [{ notify }, { eventFromRecord }] = await Promise.all([
      import('./notify.js'),
      import('./from-record.js'),
    ]);
    const deliveries = await notify(eventFromRecord(context.loaded, context.kind, record, moment), {
      loaded: context.loaded,
      clients: context.clients,
      report: context.report,
    });
    if (deliveries.length === 0) return;
    record.notifications = [...(record.notifications ?? []), ...deliveries];
    // At the start the engine saves the record with its next step; at the end it is final: save it here.
    if (moment === 'finished') await context.store.putDeployment(record);
  };
  return {
    name: 'notifications',
    started: (context, record) => send(context, record, 'started'),
    finished: (context, record) => send(context, record, 'finished'),
  };
}
