import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { loadValidConfig } from '../../../config/load.js';
import { readDuration } from '../../../core/duration.js';
import { DeploymentFailedError } from '../../../core/errors.js';
import { emit } from '../../../core/events.js';
import { callerIdentity } from '../../../engine/change/caller.js';
import { createAwsClients } from '../../../providers/aws/clients.js';
import type { StepRunner } from './context.js';

/** Sends the message to the environment's notification targets that list the `promoted` event. */
export const notifyStep: StepRunner<'notify'> = async (step, context) => {
  const environment = (step.environment ?? context.previousEnvironment)!;
  const loaded = await loadValidConfig({ ...context.base, environment });
  const { notify } = await import('../../../notifications/notify.js');
  const deliveries = await notify(
    {
      event: 'promoted',
      project: loaded.config.project,
      environment,
      at: new Date().toISOString(),
      change: 'workflow',
      who: callerIdentity(context.base.env).user,
      message: step.message,
    },
    {
      loaded,
      clients: createAwsClients({ ...loaded.config.aws, ...context.base.aws }),
      report: context.base.report,
    },
  );
  return {
    environment,
    targets: deliveries.length,
    delivered: deliveries.filter((delivery) => delivery.delivered).length,
  };
};

/** Runs a shell command from the project root; its output lines become events, a non-zero exit fails. */
export const runStep: StepRunner<'run'> = async (step, context) => {
  const child = spawn(step.command, {
    shell: true,
    cwd: context.projectRoot,
    env: context.base.env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) =>
      emit(context.base.report, 'progress', 'run', line),
    );
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exit, signal) => resolve(exit ?? (signal ? 128 : 1)));
  });
  if (code !== 0) throw new DeploymentFailedError('CommandFailed', `'${step.command}' exited with ${code}`);
  return { exitCode: code };
};

/** Waits for the duration; resumed after its process died, only for what is left of it. */
export const waitStep: StepRunner<'wait'> = async (step, context) => {
  const reading = readDuration(step.duration);
  const total = reading.ok ? reading.ms : 0;
  const left = Math.max(0, total - (Date.now() - context.firstStartedAt.getTime()));
  emit(context.base.report, 'progress', 'wait', `waiting ${Math.ceil(left / 1000)} s`);
  await new Promise((resolve) => setTimeout(resolve, left));
  return { waitedMs: left };
};
