import type { ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pollUntil } from '../../src/core/poll.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { omnixProcess } from '../helpers/omnix-process.js';

const CALM = { OMNIX__HEALTH__LATENCY__SAMPLES: '2', OMNIX__HEALTH__LATENCY__P95_MS: '60000' };

/** A stand-in for the site URL that holds every request until `release()`, then passes it to `target`. */
async function heldSite(target: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let requests = 0;
  const server = createServer(async (request, response) => {
    requests += 1;
    await released;
    const upstream = await fetch(`${target.replace(/\/$/, '')}${request.url}`);
    response.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'text/plain',
    });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, release, requests: () => requests, close: () => server.close() };
}

// slow: two deployments in child processes against the sandbox, the first held in its verify phase.
// Trial defect: a deployment that waited for the lock applied the plan it made before, against what was
// live then: it redid the first deployment's uploads and called them "changed outside omnix".
describe('a deployment that waited for the lock', { timeout: 240_000 }, () => {
  it('plans again under the lock: it uploads only what differs from the release it waited for', async () => {
    // given v1 of the example app
    const fixture = await deployFixture();
    const { outcome } = await fixture.run({ env: { ...fixture.env, ...CALM } });
    expect(outcome.status).toBe('succeeded');
    const assets = join(fixture.project, 'web/dist/assets');
    const named = (prefix: string) => `assets/${readdirSync(assets).find((name) => name.startsWith(prefix))}`;
    const [logo, style] = [named('logo.'), named('style.')];

    // when a first deployment of a changed logo has uploaded it and is held in verify (its site check)
    await appendFile(join(fixture.project, 'web/dist', logo), '\n<!-- first -->\n');
    const site = await heldSite(fixture.siteUrl);
    const args = ['deploy', 'development', '--yes', '--skip-build', '--skip-validation'];
    let firstChild: ChildProcess | undefined;
    const first = omnixProcess(
      args,
      fixture.project,
      fixture.processEnv({ ...CALM, OMNIX__FRONTEND__URL: site.url }),
      (child) => (firstChild = child),
    );
    let firstEnded = false;
    void first.then(() => (firstEnded = true));
    try {
      await pollUntil(
        'the first deployment to check the site',
        async () => {
          if (firstEnded) throw new Error(`the first deployment ended: ${(await first).stderr}`);
          return site.requests() > 0 ? true : undefined;
        },
        { timeoutMs: 120_000, maxDelayMs: 50 },
      );

      // and a second one, of the style changed as well, is planned now and waits for the lock
      await appendFile(join(fixture.project, 'web/dist', style), '\n/* second */\n');
      let waiting = '';
      const second = omnixProcess(
        [...args, '--wait-for-lock', '2m'],
        fixture.project,
        fixture.processEnv(CALM),
        (child) => {
          child.stdout!.on('data', (chunk) => (waiting += chunk));
          child.stderr!.on('data', (chunk) => (waiting += chunk));
        },
      );
      await pollUntil(
        'the second deployment to wait for the lock',
        async () => (waiting.includes('waiting for the lock') ? true : undefined),
        { timeoutMs: 120_000, maxDelayMs: 50 },
      );
      site.release();

      // then both succeed, and the second uploads only the style: the logo is the first one's, not drift
      const [one, two] = await Promise.all([first, second]);
      expect(one.code, one.stdout + one.stderr).toBe(0);
      expect(two.code, two.stdout + two.stderr).toBe(0);
      expect(two.stdout + two.stderr).not.toContain('changed outside omnix');
      const [latest] = await fixture.store.listDeployments('development', { limit: 1 });
      const plan = latest!.plan as { frontend: { drift: unknown[] } };
      expect(plan.frontend.drift).toEqual([]);
      const uploaded = latest!.changes.flatMap((change) => /^uploaded (\S+) /.exec(change)?.[1] ?? []);
      expect(uploaded.filter((key) => key.startsWith('assets/'))).toEqual([style]);
      expect(latest!.changes.join('\n')).not.toContain(logo);
      expect(two.stdout + two.stderr).toContain('planned again under the lock, against release v2');
      expect((await fixture.store.listReleases('development', { limit: 1 }))[0]!.number).toBe(3);
    } finally {
      site.release();
      site.close();
      firstChild?.kill('SIGKILL');
    }
  });
});
