import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrapSandboxEnvironment } from '../../actions/bootstrap/sandbox-environment.js';
import { loadValidConfig } from '../../config/load.js';
import { ExitCode, OmnixError, UsageError } from '../../core/errors.js';
import { pollUntil } from '../../core/poll.js';
import {
  processAlive,
  readSandboxInfo,
  removeSandboxInfo,
  type SandboxProcessInfo,
  sandboxHealthy,
  writeSandboxInfo,
} from '../../sandbox/control.js';
import { type FaultConfig, parseFaultConfig } from '../../sandbox/faults.js';
import { startSandbox } from '../../sandbox/server.js';
import type { CommandContext } from '../io.js';
import { renderTable } from '../render/table.js';
import { sandboxInfoFile as infoFile, projectRoot, runningSandbox } from '../sandbox-project.js';
import { createStyle } from '../style.js';
import { bootstrappedLines, bootstrapRunningSandbox } from './sandbox-bootstrap.js';

export interface SandboxStartFlags {
  port?: string;
  dataDir?: string;
  bootstrap?: string;
  detach?: boolean;
  faults?: string;
  iamPolicies?: string;
  accountId?: string;
}

function parsePort(text: string | undefined): number {
  const port = Number(text ?? 4599);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError('InvalidPort', `'${text}' is not a port number`, {
      hint: 'Use 1–65535, or 0 for any free port.',
    });
  }
  return port;
}

async function readJsonFile<T>(file: string | undefined, what: string): Promise<T | undefined> {
  if (!file) return undefined;
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    throw new UsageError('InvalidFile', `cannot read the ${what} file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function readFaultsFile(file: string | undefined): Promise<FaultConfig | undefined> {
  const value = await readJsonFile<unknown>(file, 'faults');
  if (value === undefined) return undefined;
  try {
    return parseFaultConfig(value);
  } catch (error) {
    throw new UsageError('InvalidFile', `the faults file ${file} is not valid: ${(error as Error).message}`, {
      hint: 'See docs/cli.md (omnix sandbox start --faults) for the rules a faults file holds.',
      cause: error,
    });
  }
}

export async function sandboxStart(context: CommandContext, flags: SandboxStartFlags): Promise<number> {
  const root = projectRoot(context);
  const file = infoFile(root);
  const port = parsePort(flags.port);
  const accountId = flags.accountId ?? '000000000000';
  if (!/^\d{12}$/.test(accountId))
    throw new UsageError('InvalidAccountId', `'${accountId}' is not a 12-digit account id`);
  const dataDir = resolve(context.io.cwd, flags.dataDir ?? join(root, '.omnix', 'sandbox'));
  const running = await runningSandbox(context);
  if (running && flags.bootstrap) return bootstrapRunningSandbox(context, flags.bootstrap, running.endpoint);
  if (running) {
    throw new UsageError(
      'SandboxRunning',
      `a sandbox is already running for this project: ${running.endpoint} (pid ${running.pid})`,
      {
        hint: "Stop it with 'omnix sandbox stop', use it as it is, or add an environment to it with 'omnix sandbox bootstrap <env>'.",
      },
    );
  }
  // Checked here, before a detached sandbox is started with it: a bad file is the user's to fix (exit 2).
  const faults = await readFaultsFile(flags.faults);
  if (flags.detach) return startDetached(context, { ...flags, port: String(port), dataDir }, root, file);

  const iamPolicies = await readJsonFile<never>(flags.iamPolicies, 'IAM policies');
  await mkdir(dataDir, { recursive: true });
  const sandbox = await startSandbox({
    port,
    dataDir,
    ...(faults ? { faults } : {}),
    ...(iamPolicies ? { iamPolicies } : {}),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      throw new OmnixError('PortInUse', `port ${port} on 127.0.0.1 is already in use`, {
        hint: 'Pick another with --port, or --port 0 for any free one.',
        exitCode: ExitCode.Usage,
        cause: error,
      });
    }
    throw error;
  });
  const info: SandboxProcessInfo = {
    pid: process.pid,
    port: sandbox.port,
    endpoint: sandbox.endpoint,
    dataDir,
    startedAt: new Date().toISOString(),
  };
  try {
    if (flags.bootstrap)
      info.bootstrap = await bootstrap(context, flags.bootstrap, sandbox.endpoint, accountId);
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
  await writeSandboxInfo(file, info);
  report(context, info, 'listening');
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  await sandbox.stop();
  removeSandboxInfo(file, process.pid);
  if (!context.json) context.print('sandbox stopped');
  return ExitCode.Ok;
}

async function bootstrap(context: CommandContext, environment: string, endpoint: string, accountId: string) {
  const loaded = await loadValidConfig({
    environment,
    configDir: context.configDir,
    env: context.io.env,
    cwd: context.io.cwd,
  });
  return bootstrapSandboxEnvironment(loaded, endpoint, accountId);
}

async function startDetached(
  context: CommandContext,
  flags: SandboxStartFlags,
  root: string,
  file: string,
): Promise<number> {
  const bin = fileURLToPath(new URL('../../../bin/omnix.js', import.meta.url));
  const log = join(root, '.omnix', 'sandbox.log');
  await mkdir(join(root, '.omnix'), { recursive: true });
  const args = [
    bin,
    '--config-dir',
    context.configDir,
    'sandbox',
    'start',
    '--port',
    flags.port!,
    '--data-dir',
    flags.dataDir!,
  ];
  if (flags.bootstrap) args.push('--bootstrap', flags.bootstrap);
  if (flags.faults) args.push('--faults', resolve(context.io.cwd, flags.faults));
  if (flags.iamPolicies) args.push('--iam-policies', resolve(context.io.cwd, flags.iamPolicies));
  if (flags.accountId) args.push('--account-id', flags.accountId);
  const output = openSync(log, 'a');
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', output, output],
    env: { ...context.io.env } as NodeJS.ProcessEnv,
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  child.unref();
  const answering = async () => {
    const started = readSandboxInfo(file);
    return started !== undefined && started.pid === child.pid && (await sandboxHealthy(started.endpoint));
  };
  const ready = await pollUntil(
    'the sandbox to answer',
    async () => (exited || (await answering()) ? true : undefined),
    {
      timeoutMs: 60_000,
      maxDelayMs: 100,
    },
  ).catch(() => false);
  const info = readSandboxInfo(file);
  if (!ready || exited || !info || info.pid !== child.pid) {
    if (!exited) child.kill('SIGTERM');
    const tail = readFileSync(log, 'utf8').trim().split('\n').slice(-5).join('\n');
    throw new OmnixError('SandboxDidNotStart', `the sandbox did not start${tail ? `:\n${tail}` : ''}`, {
      hint: `See ${log}.`,
    });
  }
  report(context, info, 'running in the background');
  return ExitCode.Ok;
}

function report(context: CommandContext, info: SandboxProcessInfo, state: string): void {
  if (context.json) {
    context.printJson({ running: true, ...info });
    return;
  }
  const style = createStyle(context.color);
  context.print(
    `${style.green('✔')} sandbox ${state} at ${style.bold(info.endpoint)} (pid ${info.pid}, data ${info.dataDir})`,
  );
  context.print(
    style.dim(
      `  Point a project at it: OMNIX_AWS_ENDPOINT=${info.endpoint} (no access key needed: omnix recognises its sandbox).`,
    ),
  );
  if (info.bootstrap) for (const line of bootstrappedLines(info.bootstrap)) context.print(line);
}

export async function sandboxStop(context: CommandContext): Promise<number> {
  const file = infoFile(projectRoot(context));
  const info = readSandboxInfo(file);
  if (!info || !processAlive(info.pid)) {
    if (info) removeSandboxInfo(file, info.pid);
    if (context.json) context.printJson({ running: false, stopped: false });
    else context.print('no sandbox is running for this project');
    return ExitCode.Ok;
  }
  process.kill(info.pid, 'SIGTERM');
  const stopped = await pollUntil(
    `pid ${info.pid} to exit`,
    async () => (processAlive(info.pid) ? undefined : true),
    {
      timeoutMs: 10_000,
      maxDelayMs: 100,
    },
  ).catch(() => false);
  if (!stopped)
    throw new OmnixError('SandboxDidNotStop', `the sandbox (pid ${info.pid}) did not stop within 10 s`, {
      hint: `kill ${info.pid}`,
    });
  removeSandboxInfo(file, info.pid);
  if (context.json) context.printJson({ running: false, stopped: true, pid: info.pid });
  else context.print(`stopped the sandbox at ${info.endpoint} (pid ${info.pid})`);
  return ExitCode.Ok;
}

/** Exits 1 when no sandbox runs, so scripts can ask `omnix sandbox status || omnix sandbox start …`. */
export async function sandboxStatus(context: CommandContext): Promise<number> {
  const info = await runningSandbox(context);
  if (context.json) {
    context.printJson(info ? { running: true, ...info } : { running: false });
    return info ? ExitCode.Ok : ExitCode.DeploymentFailed;
  }
  if (!info) {
    context.print("no sandbox is running for this project (start one with 'omnix sandbox start')");
    return ExitCode.DeploymentFailed;
  }
  context.print(
    renderTable(
      ['ENDPOINT', 'PORT', 'PID', 'DATA DIR', 'SINCE'],
      [[info.endpoint, String(info.port), String(info.pid), info.dataDir, info.startedAt]],
    ),
  );
  return ExitCode.Ok;
}
