// The example app on a fresh sandbox, as the benchmarks use it: a copy of the project, its resources
// bootstrapped, and the options the engine's commands take. Needs `npm run build` first.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrapSandboxEnvironment } from '../dist/actions/bootstrap/sandbox-environment.js';
import { agentRecoveries } from '../dist/agent/recovery/for-change.js';
import { loadValidConfig } from '../dist/config/load.js';
import { startSandbox } from '../dist/sandbox/server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export async function exampleOnSandbox(name) {
  const credentials = { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench' };
  const example = fileURLToPath(new URL('../examples/webapp', import.meta.url));
  const project = mkdtempSync(join(tmpdir(), `omnix-bench-${name}-`));
  cpSync(example, project, {
    recursive: true,
    filter: (path) => !/node_modules|\.omnix|web\/dist/.test(path.slice(example.length)),
  });
  const sandbox = await startSandbox({ port: 0 });
  const baseEnv = { PATH: process.env.PATH, OMNIX_AWS_ENDPOINT: sandbox.endpoint };
  const loaded = await loadValidConfig({
    environment: 'development',
    configDir: project,
    env: baseEnv,
    cwd: project,
  });
  const { siteUrl, apiUrl } = await bootstrapSandboxEnvironment(loaded, sandbox.endpoint, '000000000000');
  const env = {
    ...baseEnv,
    OMNIX__FRONTEND__URL: siteUrl,
    OMNIX__BACKEND__API__URL: apiUrl,
    OMNIX_API_URL: apiUrl,
  };
  return {
    sandbox,
    project,
    apiUrl,
    common: {
      environment: 'development',
      configDir: project,
      cwd: project,
      env,
      aws: { credentials },
      report: () => {},
      // As the CLI runs a change: with the agent's automatic recovery.
      recoveries: agentRecoveries,
    },
    /** Every AWS call the sandbox has answered so far. */
    calls: async () =>
      Object.values(await (await fetch(`${sandbox.endpoint}/_omnix/stats`)).json()).reduce(
        (sum, n) => sum + n,
        0,
      ),
    stop: async () => {
      await sandbox.stop();
      rmSync(project, { recursive: true, force: true });
    },
  };
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
