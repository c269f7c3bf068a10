import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { ExitCode, OmnixError } from '../../../core/errors.js';

/** A dashboard listening on the loopback address. */
export interface RunningDashboard {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Serves `app` on 127.0.0.1 only (`port` 0: any free port). */
export async function serveDashboard(app: Hono, port: number): Promise<RunningDashboard> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(started));
    started.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new OmnixError('PortInUse', `port ${port} on 127.0.0.1 is already in use`, {
              hint: 'Pick another with --port, or --port 0 for any free one.',
              exitCode: ExitCode.Usage,
              cause: error,
            })
          : error,
      ),
    );
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/`,
    port: bound,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
