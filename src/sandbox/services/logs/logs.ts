import type { ResolvedSandboxOptions } from '../../options.js';
import { createJsonService } from '../../protocol/json-service.js';
import type { SandboxService } from '../../service.js';
import { logsContext } from './context.js';
import { invalidParameter } from './errors.js';
import { filterEventsOperation } from './filter-events.js';
import { getEventsOperation } from './get-events.js';
import { groupOperations } from './group-operations.js';
import { putEventsOperation } from './put-events.js';
import type { LogsStore } from './store.js';
import { streamOperations } from './stream-operations.js';

/**
 * The largest request body read: a full 1 MB PutLogEvents batch, even of characters JSON must escape
 * (`\u0001` is six bytes for one), with room for the field names.
 */
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

/** CloudWatch Logs in the AWS JSON 1.1 protocol (`X-Amz-Target: Logs_20140328.<Operation>`); see SPEC.md. */
export function createLogsService(options: ResolvedSandboxOptions, store: LogsStore): SandboxService {
  const ctx = logsContext(options, store);
  return createJsonService({
    name: 'logs',
    targetPrefix: 'Logs_20140328.',
    contentType: 'application/x-amz-json-1.1',
    bodyLimit: () => ({
      bytes: MAX_REQUEST_BYTES,
      error: invalidParameter(`The request is larger than the ${MAX_REQUEST_BYTES} bytes the sandbox reads.`),
    }),
    operations: {
      ...groupOperations(ctx),
      ...streamOperations(ctx),
      ...putEventsOperation(ctx),
      ...getEventsOperation(ctx),
      ...filterEventsOperation(ctx),
    },
  });
}
