import { connect } from 'node:net';
import type { CheckContext, Finding, HealthCheck } from '../types.js';

type TcpCheck = Extract<HealthCheck, { type: 'tcp' }>;

/** The port accepts a connection before the check's time is up; the connection is closed at once. */
export function tcpCheck(check: TcpCheck, context: CheckContext): Promise<Finding> {
  const target = `${check.host}:${check.port}`;
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: check.host, port: check.port });
    const finish = (finding: Finding) => {
      socket.destroy();
      context.signal.removeEventListener('abort', onAbort);
      resolve(finding);
    };
    const onAbort = () => finish({ status: 'fail', message: `${target}: no connection in time` });
    context.signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () =>
      finish({
        status: 'pass',
        message: `${target} accepts connections (${Math.round(performance.now() - started)} ms)`,
      }),
    );
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish({
        status: 'fail',
        message: `${target}: ${error.code ?? error.message}`,
        hint: 'Is the service running, and does a security group or firewall let this machine reach it?',
      }),
    );
  });
}
