import type { Recoveries } from './recoveries.js';

type Handler = (args: unknown) => Promise<unknown>;
type Context = Record<PropertyKey, unknown> & { commandName?: string };

/** What of an SDK client this needs: its middleware stack, and its credentials, which can be read again. */
interface RecoverableClient {
  middlewareStack: {
    add(
      middleware: (next: Handler, context: Context) => Handler,
      options: { step: 'initialize' | 'deserialize'; name: string; priority: 'high' },
    ): void;
  };
  config: { credentials?: (options?: { forceRefresh?: boolean }) => Promise<unknown> };
}

/** Where one call keeps the errors of its attempts, for the call as a whole to see what the SDK retried. */
const ATTEMPT_ERRORS = Symbol('omnix attempt errors');

/**
 * Tells `recoveries` about the calls the SDK retried (throttling, 5xx, connection lost: each attempt's
 * error is seen inside the SDK's retry loop) and, when the service calls the credentials expired,
 * reads them again from the chain (`forceRefresh` skips the SDK's cached ones) and sends the call once
 * more: an expired token is refused before the service does anything, so any call may be repeated.
 */
export function recoverCalls<C>(client: C, recoveries: Recoveries | undefined): C {
  if (!recoveries) return client;
  const { middlewareStack, config } = client as unknown as RecoverableClient;
  middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? 'call').replace(/Command$/, '');
      const send = async () => {
        const errors: unknown[] = [];
        context[ATTEMPT_ERRORS] = errors;
        try {
          const output = await next(args);
          recoveries.sdkRetried({ operation, retried: errors });
          return output;
        } catch (error) {
          recoveries.sdkRetried({ operation, retried: errors.slice(0, -1), error });
          throw error;
        }
      };
      return recoveries.run(operation, send, [
        {
          failure: 'credentials-expired',
          recover: async () => {
            if (!config.credentials) throw new Error('this client has no credentials to read again');
            await config.credentials({ forceRefresh: true });
            return {
              value: await send(),
              action: `read the credentials again from the chain and sent ${operation} again`,
            };
          },
        },
      ]);
    },
    { step: 'initialize', name: 'omnixRecoveries', priority: 'high' },
  );
  middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        (context[ATTEMPT_ERRORS] as unknown[] | undefined)?.push(error);
        throw error;
      }
    },
    { step: 'deserialize', name: 'omnixAttemptErrors', priority: 'high' },
  );
  return client;
}
