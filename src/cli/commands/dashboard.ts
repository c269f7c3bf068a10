import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../core/errors.js';
import type { CommandContext } from '../io.js';
import { allEnvironmentStores, environmentStore } from '../state-access.js';

export interface DashboardFlags {
  port?: string;
  environment?: string;
  out?: string;
}

const DEFAULT_PORT = 4580;

function parsePort(text: string | undefined): number {
  const port = Number(text ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError('InvalidPort', `'${text}' is not a port number`, {
      hint: 'Use 1–65535, or 0 for any free port.',
    });
  return port;
}

/** Until Ctrl-C or SIGTERM. */
function stopped(context: CommandContext): Promise<void> {
  return new Promise((done) => {
    const stopListening = context.io.onInterrupt?.(() => done());
    process.once('SIGTERM', () => {
      stopListening?.();
      done();
    });
  });
}

/**
 * `omnix dashboard [--environment <env>] [--port <n>] [--out <file>]`: the deployment metrics of the
 * state store, served on 127.0.0.1 until Ctrl-C, or written as one HTML file, or (`--json`) printed.
 */
export async function dashboardCommand(context: CommandContext, flags: DashboardFlags): Promise<number> {
  const serving = !flags.out && !context.json;
  if (flags.port !== undefined && !serving)
    throw new UsageError(
      'PortWithoutServer',
      '--port is for serving the dashboard; --out and --json serve nothing',
      {
        hint: 'Leave out --port, or --out and --json.',
      },
    );
  const port = parsePort(flags.port);
  const sources = flags.environment
    ? [await environmentStore(context, flags.environment)]
    : await allEnvironmentStores(context);
  const dashboard = await import('../../actions/dashboard/index.js');
  const options = { cwd: context.configDir };
  const data = await dashboard.dashboardData(sources, options);
  for (const warning of data.warnings) context.warn(`warning: ${warning}`);
  if (flags.out) {
    const file = resolve(context.io.cwd, flags.out);
    await writeFile(file, await dashboard.dashboardFile(data)).catch((error: Error) => {
      throw new UsageError('CannotWrite', `cannot write ${file}: ${error.message}`, { cause: error });
    });
    if (!context.json) context.print(`wrote the dashboard to ${file}`);
  }
  if (context.json) context.printJson(data);
  if (!serving) return ExitCode.Ok;

  const running = await dashboard.startDashboard(sources, { ...options, port });
  context.print(`dashboard: ${running.url} (Ctrl-C stops it)`);
  await stopped(context);
  await running.stop();
  context.print('dashboard stopped');
  return ExitCode.Ok;
}
