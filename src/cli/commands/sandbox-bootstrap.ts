import {
  bootstrapSandboxEnvironment,
  type SandboxEnvironment,
} from '../../actions/bootstrap/sandbox-environment.js';
import { loadValidConfig } from '../../config/load.js';
import { ExitCode, OmnixError, UsageError } from '../../core/errors.js';
import { isOmnixSandbox } from '../../providers/aws/sandbox-endpoint.js';
import type { CommandContext } from '../io.js';
import { runningSandbox } from '../sandbox-project.js';
import { createStyle } from '../style.js';

/**
 * `omnix sandbox bootstrap <env>`: creates what the environment names in the sandbox its deployments
 * will use — the configured endpoint when it is an omnix sandbox, else the project's running sandbox.
 * Never real AWS, nor an emulator of another kind.
 */
export async function sandboxBootstrap(context: CommandContext, environment: string): Promise<number> {
  const loaded = await loadValidConfig({
    environment,
    configDir: context.configDir,
    env: context.io.env,
    cwd: context.io.cwd,
  });
  const configured = loaded.config.aws.endpoint;
  let endpoint: string;
  if (configured) {
    if (!(await isOmnixSandbox(configured))) {
      const hint = 'Point OMNIX_AWS_ENDPOINT (or aws.endpoint) at a running `omnix sandbox start`.';
      // Nothing listening is no sandbox running (exit 1, as `sandbox status`); another server is a wrong endpoint.
      if (!(await answersAtAll(configured)))
        throw new OmnixError('NoSandbox', `no sandbox is running at ${configured}: nothing answers there`, {
          hint,
        });
      throw new UsageError('NotASandbox', `no omnix sandbox answers at ${configured}`, { hint });
    }
    endpoint = configured;
  } else {
    const running = await runningSandbox(context);
    if (!running)
      throw new OmnixError('NoSandbox', 'no sandbox is running for this project', {
        hint: `Start one with it: omnix sandbox start --detach --bootstrap ${environment}`,
      });
    endpoint = running.endpoint;
  }
  return reportBootstrapped(context, endpoint, await bootstrapSandboxEnvironment(loaded, endpoint));
}

/** Whether any HTTP server answers at `endpoint`, whatever it says. */
async function answersAtAll(endpoint: string): Promise<boolean> {
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(5000) });
    return true;
  } catch {
    return false;
  }
}

/** `--bootstrap <env>` of `sandbox start` when the project's sandbox runs already: into that one. */
export async function bootstrapRunningSandbox(
  context: CommandContext,
  environment: string,
  endpoint: string,
): Promise<number> {
  const loaded = await loadValidConfig({
    environment,
    configDir: context.configDir,
    env: context.io.env,
    cwd: context.io.cwd,
  });
  return reportBootstrapped(context, endpoint, await bootstrapSandboxEnvironment(loaded, endpoint));
}

function reportBootstrapped(context: CommandContext, endpoint: string, created: SandboxEnvironment): number {
  if (context.json) {
    context.printJson({ endpoint, bootstrap: created });
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  context.print(`${style.green('✔')} sandbox at ${style.bold(endpoint)}`);
  for (const line of bootstrappedLines(created)) context.print(line);
  context.print(
    style.dim(`  Deploy to it: OMNIX_AWS_ENDPOINT=${endpoint} omnix deploy ${created.environment}`),
  );
  return ExitCode.Ok;
}

/** What a bootstrap created and where the environment is served, as printed by the sandbox commands. */
export function bootstrappedLines(created: SandboxEnvironment): string[] {
  return [
    `  bootstrapped ${created.environment}: ${created.created.length} created, ${created.existing.length} already there`,
    ...(created.siteUrl ? [`  site: ${created.siteUrl}`] : []),
    ...(created.apiUrl ? [`  api:  ${created.apiUrl}`] : []),
  ];
}
