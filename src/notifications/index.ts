/** Notifications: what commands, the engine's extension and workflows use. */
export { describeEvent, headline } from './event.js';
export { notificationsExtension } from './extension.js';
export { eventFromRecord } from './from-record.js';
export {
  type Delivery,
  type NotificationEvent,
  type NotifiedEventName,
  type NotifyContext,
  notify,
} from './notify.js';
export { SIGNATURE_HEADER, signBody, verifySignature } from './signature.js';
