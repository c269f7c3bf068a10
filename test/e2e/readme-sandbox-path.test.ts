import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { pollUntil } from '../../src/core/poll.js';
import { omnixProcess, type ProcessRun } from '../helpers/omnix-process.js';
import { testdir, writeFiles } from '../helpers/testdir.js';

const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

/** The shell lines of the README's "Your own project, on the sandbox" section, comments removed. */
function documentedPath(): string[] {
  const section = README.split('## Your own project, on the sandbox')[1]?.split('\n## ')[0] ?? '';
  const block = /^```bash\n([\s\S]*?)^```/m.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

/** A tiny project of the user's own: a one-page site and a function answering /health, both saying `version`. */
const userFiles = (version: string) => ({
  'web/dist/index.html': `<!doctype html><html><head><title>my app</title></head><body>site ${version}</body></html>\n`,
  'api/index.mjs': `export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ status: 'ok', version: '${version}', path: event.path }),
});\n`,
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The user's environment: no AWS credentials or profile anywhere, a home of their own. */
function userEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && !name.startsWith('AWS_') && !name.startsWith('OMNIX')) env[name] = value;
  return { ...env, HOME: home, NO_COLOR: '1' };
}

// slow: the README's path from `omnix init` to a deployed, rolled back and recovered project, through
// real CLI processes and a real background sandbox (issue 14, defect 2).
describe('the README path from omnix init to a project on the sandbox', () => {
  it('deploys, serves, changes, rolls back and recovers a new project exactly as documented', async () => {
    const lines = documentedPath();
    expect(lines.length).toBeGreaterThan(5);
    const folder = await testdir(userFiles('v1'));
    const env = userEnv(folder);
    // Tests share the machine: the documented port 4599 becomes a free one, in both places it appears.
    const port = String(await freePort());
    const runs: Record<string, ProcessRun> = {};
    let endpoint = '';
    let urls = { site: '', api: '' };
    let deploys = 0;
    onTestFinished(async () => {
      await omnixProcess(['sandbox', 'stop'], folder, env);
    });

    const served = async () => {
      const site = await (await fetch(urls.site)).text();
      const api = (await (await fetch(`${urls.api}/health`)).json()) as { version?: string };
      return { site: /site (v\d)/.exec(site)?.[1], api: api.version };
    };

    for (const line of lines) {
      const exported = /^export (\w+)=(\S+)$/.exec(line);
      if (exported) {
        endpoint = exported[2]!.replace(':4599', `:${port}`);
        env[exported[1]!] = endpoint;
        continue;
      }
      const words = line.split(/\s+/);
      expect(words[0], `a line of the README's path: ${line}`).toBe('omnix');
      const args = words.slice(1);
      if (args[0] === 'sandbox' && args[1] === 'start') args.push('--port', port);
      const command = args.slice(0, 2).join(' ');

      // given: what the README's comments say has happened before the line
      if (command === 'deploy development' && deploys === 1) await writeFiles(folder, userFiles('v2'));
      if (command === 'recover development') await killedDeployment(folder, env, endpoint, urls.api);

      const run = await omnixProcess(args, folder, env);
      runs[line] = run;
      expect(run.code, `${line}\n${run.stdout}\n${run.stderr}`).toBe(0);

      // then: what the line promises
      if (command === 'deploy development') {
        deploys += 1;
        urls = {
          site: /site: (\S+)/.exec(run.stdout)?.[1] ?? '',
          api: /api: +(\S+)/.exec(run.stdout)?.[1] ?? '',
        };
        expect(urls.site.startsWith(`${endpoint}/_omnix/cloudfront/`), run.stdout).toBe(true);
        expect(urls.api.startsWith(`${endpoint}/_omnix/apigateway/`), run.stdout).toBe(true);
        expect(await served()).toEqual({ site: `v${deploys}`, api: `v${deploys}` });
      }
      if (command === 'rollback development') expect(await served()).toEqual({ site: 'v1', api: 'v1' });
      if (command === 'recover development') expect(await served()).toEqual({ site: 'v1', api: 'v1' });
      if (command === 'status development') expect(run.stdout).not.toMatch(/interrupted/i);
    }
    expect(deploys).toBe(2);
    expect(Object.keys(runs)).toContain('omnix sandbox stop');
  }, 600_000);
});

/**
 * A deployment of a changed project killed half-way: the sandbox holds its CloudFront invalidation
 * (after the function's alias and the site's files have moved) until the process is killed.
 */
async function killedDeployment(
  folder: string,
  env: Record<string, string>,
  endpoint: string,
  apiUrl: string,
) {
  await writeFiles(folder, userFiles('v3'));
  const operation = 'cloudfront:CreateInvalidation';
  const stats = async () =>
    ((await (await fetch(`${endpoint}/_omnix/stats`)).json()) as Record<string, number>)[operation] ?? 0;
  const seen = await stats();
  await fetch(`${endpoint}/_omnix/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      rules: [{ service: 'cloudfront', operation: 'CreateInvalidation', latencyMs: 120_000 }],
    }),
  });
  let child: ChildProcess | undefined;
  const ended = omnixProcess(['deploy', 'development', '--yes'], folder, env, (started) => (child = started));
  let exited: string | undefined;
  void ended.then((run) => (exited = run.stdout + run.stderr));
  try {
    await pollUntil(
      'the deployment to reach the invalidation',
      async () => {
        if (exited !== undefined) throw new Error(`the deployment ended by itself: ${exited}`);
        return (await stats()) > seen ? true : undefined;
      },
      { timeoutMs: 300_000, maxDelayMs: 100 },
    );
    child!.kill('SIGKILL');
    expect((await ended).signal).toBe('SIGKILL');
  } finally {
    await fetch(`${endpoint}/_omnix/faults`, { method: 'DELETE' });
  }
  // The killed release's function is live: that is what recover has to put back.
  expect(((await (await fetch(`${apiUrl}/health`)).json()) as { version?: string }).version).toBe('v3');
}
