import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrapSandboxEnvironment } from '../../actions/bootstrap/sandbox-environment.js';
import { deploy } from '../../actions/deploy/deploy.js';
import { loadValidConfig } from '../../config/load.js';
import { DeploymentFailedError, ExitCode, UsageError } from '../../core/errors.js';
import { startSandbox } from '../../sandbox/server.js';
import { baseChangeOptions } from '../change-options.js';
import type { CommandContext } from '../io.js';
import { createStyle } from '../style.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/webapp', import.meta.url));

/**
 * The whole life cycle on one machine: a sandbox, the example app's development environment created
 * in it, a real build and deployment, and the site and API fetched through the sandbox's CloudFront
 * and API Gateway to show they serve the new release.
 */
export async function demoCommand(
  context: CommandContext,
  flags: { keep?: boolean; port?: string },
): Promise<number> {
  const port = Number(flags.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError('InvalidPort', `'${flags.port}' is not a port number`);
  const style = createStyle(context.color);
  const say = (text: string) => {
    if (!context.json) context.print(text);
  };
  const work = mkdtempSync(join(tmpdir(), 'omnix-demo-'));
  // A copy of the example, so the demo writes nothing where omnix is installed (perhaps read-only).
  const app = join(work, 'app');
  cpSync(EXAMPLE, app, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|dist|\.omnix)$/.test(source),
  });
  const sandbox = await startSandbox({ port, dataDir: join(work, 'sandbox') });
  try {
    say(`${style.green('✔')} sandbox at ${sandbox.endpoint}`);
    const env = {
      ...context.io.env,
      OMNIX_AWS_ENDPOINT: sandbox.endpoint,
      OMNIX__STATE__BACKEND: 'file',
      OMNIX__STATE__PATH: join(work, 'state'),
    };
    const loaded = await loadValidConfig({
      environment: 'development',
      configDir: app,
      env,
      cwd: context.io.cwd,
    });
    const created = await bootstrapSandboxEnvironment(loaded, sandbox.endpoint, '000000000000');
    if (!created.apiUrl)
      throw new DeploymentFailedError('DemoFailed', 'the example app has no API to build its site against');
    say(`${style.green('✔')} created the development environment: ${created.created.length} resources`);

    const outcome = await deploy({
      ...baseChangeOptions(context),
      environment: 'development',
      configDir: app,
      cwd: app,
      // The example's site build writes the API URL into its config.json; omnix finds the served URLs itself.
      env: { ...env, OMNIX_API_URL: created.apiUrl },
    });
    if (outcome.status !== 'succeeded')
      throw new DeploymentFailedError('DemoFailed', `the demo deployment ended as ${outcome.status}`);
    // Where omnix itself says the release is served: the sandbox's paths, found without being told.
    const { siteUrl, apiUrl } = outcome.outputs;
    if (!siteUrl || !apiUrl)
      throw new DeploymentFailedError('DemoFailed', 'the deployment reported no site or no API URL');

    const page = await fetch(siteUrl);
    const html = await page.text();
    const buildId = /<meta name="omnix-build" content="([^"]+)"/.exec(html)?.[1];
    const health = (await (await fetch(`${apiUrl}/health`)).json()) as { status?: string };
    const products = (await (await fetch(`${apiUrl}/products?q=mug`)).json()) as { count?: number };
    const served =
      page.status === 200 && buildId !== undefined && health.status === 'ok' && products.count === 1;
    const result = {
      release: outcome.release,
      siteUrl,
      apiUrl,
      site: { status: page.status, buildId },
      api: { health, products },
    };
    if (context.json)
      context.print(
        JSON.stringify({
          type: 'demo',
          ok: served,
          ...result,
          sandbox: { endpoint: sandbox.endpoint, kept: flags.keep === true },
        }),
      );
    if (!served)
      throw new DeploymentFailedError(
        'DemoCheckFailed',
        `the deployed release does not answer as expected: ${JSON.stringify(result)}`,
      );
    say(`${style.green('✔')} release v${outcome.release} is live`);
    say(`  site: ${siteUrl} → HTTP ${page.status}, build ${buildId}`);
    say(`  api:  ${apiUrl}/health → ${JSON.stringify(health)}`);
    say(`  api:  ${apiUrl}/products?q=mug → ${products.count} product`);
    if (!flags.keep) {
      say(
        style.dim(
          "  These URLs answer only while the demo's sandbox runs, and it stops now that the demo is done.\n  To open the site in a browser: omnix demo --keep (the sandbox then runs until you press Ctrl-C).",
        ),
      );
    } else {
      say(`  The sandbox keeps running at ${sandbox.endpoint}: open ${siteUrl} in a browser.`);
      say(style.dim(`  Ctrl-C (or kill ${process.pid}) stops it and deletes its data.`));
      await new Promise<void>((done) => {
        process.once('SIGINT', () => done());
        process.once('SIGTERM', () => done());
      });
    }
    return ExitCode.Ok;
  } finally {
    await sandbox.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
