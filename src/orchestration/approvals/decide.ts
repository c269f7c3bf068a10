import type { LoadedConfig } from '../../config/load.js';
import type { Report } from '../../core/events.js';
import type { AwsClients } from '../../providers/aws/clients.js';
import type { ApprovalRecord } from '../../records/index.js';
import type { StateStore } from '../../state/store.js';
import { recordApproval } from './record.js';

export interface DecideOptions {
  loaded: LoadedConfig;
  store: StateStore;
  clients: AwsClients;
  decision: 'approved' | 'rejected';
  planDigest?: string;
  comment?: string;
  report?: Report;
}

/**
 * `omnix approve` / `omnix reject`: records the caller's decision (their AWS identity) on a pending
 * request of the environment, under its `approvals` settings, and notifies `approved` or `rejected`.
 */
export async function decide(options: DecideOptions): Promise<ApprovalRecord> {
  const { loaded, store, clients } = options;
  const { awsIdentity } = await import('../../providers/aws/identity.js');
  const by = (await awsIdentity(await clients.sts())).arn;
  const record = await recordApproval(store, loaded.config.approvals, {
    environment: loaded.environment,
    decision: options.decision,
    by,
    ...(options.planDigest ? { planDigest: options.planDigest } : {}),
    ...(options.comment ? { comment: options.comment } : {}),
  });
  if (loaded.config.notifications.length > 0) {
    const { notify } = await import('../../notifications/notify.js');
    await notify(
      {
        event: record.kind === 'approved' ? 'approved' : 'rejected',
        project: loaded.config.project,
        environment: loaded.environment,
        at: record.at,
        who: by,
        planDigest: record.planDigest,
        ...(record.comment ? { comment: record.comment } : {}),
      },
      { loaded, clients, ...(options.report ? { report: options.report } : {}) },
    );
  }
  return record;
}
