import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it, onTestFinished } from 'vitest';
import { verifySignature } from '../../src/notifications/signature.js';
import { fixtureWithoutLatencyLimits } from '../helpers/production-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

interface Received {
  path: string;
  body: string;
  signature: string | undefined;
}

/** A local HTTP receiver answering `status` (or never, with `hang`); it keeps what it was sent. */
async function receiver(answer: { status: number } | 'hang' = { status: 200 }) {
  const received: Received[] = [];
  const hanging: IncomingMessage[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        body,
        signature: request.headers['x-omnix-signature'] as string | undefined,
      });
      if (answer === 'hang') hanging.push(request);
      else response.writeHead(answer.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const SIGNING_SECRET = 'whsec-planted-signing-key-7f3a9c';
const SLACK_PATH = '/services/T000/B000/planted-slack-token-9d2e';
const DB_PASSWORD = 'planted-db-password-4b8e1d';
const TOPIC = 'omnix-deploys';

async function breakHealth(project: string): Promise<void> {
  const handler = join(project, 'backend/api/index.mjs');
  await writeFile(
    handler,
    (await readFile(handler, 'utf8')).replace("json(200, { status: 'ok'", "json(500, { status: 'broken'"),
  );
}

// slow: three deployments of the example app, each telling the receivers.
describe('notifications', () => {
  it('a local receiver gets signed webhooks for started, succeeded and rolled back, a Slack message and an SNS message; none carries a secret', async () => {
    const fixture = await fixtureWithoutLatencyLimits('development');
    const hooks = await receiver();
    const sns = new SNSClient({
      region: 'us-east-1',
      endpoint: fixture.running.endpoint,
      credentials: TEST_CREDENTIALS,
    });
    await sns.send(new CreateTopicCommand({ Name: TOPIC }));
    await appendFile(
      join(fixture.project, 'config/deployment-config.yaml'),
      [
        'secrets:',
        '  DB_PASSWORD: ${env:PLANTED_DB_PASSWORD}',
        'notifications:',
        `  - { type: webhook, url: "${hooks.url}/omnix", signingSecret: "\${env:HOOK_SECRET}", events: [started, succeeded, rolled_back, failed] }`,
        `  - { type: slack, webhookUrl: "\${env:SLACK_URL}", events: [succeeded, rolled_back] }`,
        `  - { type: sns, topicArn: "arn:aws:sns:us-east-1:000000000000:${TOPIC}", events: [succeeded] }`,
        '',
      ].join('\n'),
    );
    const config = join(fixture.project, 'config/deployment-config.yaml');
    await writeFile(
      config,
      (await readFile(config, 'utf8')).replace(
        '        STAGE: ${environment}\n        SITE_BUCKET',
        '        STAGE: ${environment}\n        DB_PASSWORD: ${self:secrets.DB_PASSWORD}\n        SITE_BUCKET',
      ),
    );
    const env = {
      ...(fixture.env as Record<string, string>),
      HOOK_SECRET: SIGNING_SECRET,
      SLACK_URL: `${hooks.url}${SLACK_PATH}`,
      PLANTED_DB_PASSWORD: DB_PASSWORD,
    };
    const first = await runCli(['deploy', 'development', '--yes'], { cwd: fixture.project, env });
    expect(first.exitCode, first.stderr).toBe(0);
    await breakHealth(fixture.project);
    const second = await runCli(['deploy', 'development', '--yes'], { cwd: fixture.project, env });
    expect(second.exitCode, second.stderr).toBe(1);
    expect(second.stderr).toContain('rolled back');

    const webhooks = hooks.received.filter((hook) => hook.path === '/omnix');
    expect(webhooks.map((hook) => JSON.parse(hook.body).event)).toEqual([
      'started',
      'succeeded',
      'started',
      'rolled_back',
    ]);
    for (const hook of webhooks)
      expect(verifySignature(SIGNING_SECRET, hook.body, hook.signature)).toEqual({ ok: true });
    expect(verifySignature('another-key-of-sixteen+', webhooks[0]!.body, webhooks[0]!.signature).ok).toBe(
      false,
    );
    expect(
      verifySignature(
        SIGNING_SECRET,
        webhooks[0]!.body.replace('development', 'production'),
        webhooks[0]!.signature,
      ).ok,
    ).toBe(false);
    const succeeded = JSON.parse(webhooks[1]!.body);
    expect(succeeded).toMatchObject({
      project: 'omnix-shop',
      environment: 'development',
      release: 1,
      outcome: 'succeeded',
      links: { site: fixture.siteUrl, api: fixture.apiUrl },
    });
    expect(succeeded.durationMs).toBeGreaterThan(0);
    expect(JSON.parse(webhooks[3]!.body)).toMatchObject({
      outcome: 'rolled back',
      error: expect.stringContaining('health'),
    });

    const slack = hooks.received
      .filter((hook) => hook.path === SLACK_PATH)
      .map((hook) => JSON.parse(hook.body).text);
    expect(slack).toHaveLength(2);
    expect(slack[0]).toContain('omnix-shop development: deployment succeeded (release v1)');
    expect(slack[0]).toContain(`site: ${fixture.siteUrl}`);
    expect(slack[1]).toContain('deployment rolled back');

    const published = (await (await fetch(`${fixture.running.endpoint}/_omnix/sns/${TOPIC}`)).json()) as {
      messages: unknown[];
    };
    expect(published.messages).toEqual([
      expect.objectContaining({ Subject: 'omnix-shop development: deployment succeeded (release v1)' }),
    ]);

    const everything = [
      ...hooks.received.map((hook) => hook.body),
      JSON.stringify(published),
      first.stdout,
      first.stderr,
      second.stdout,
      second.stderr,
    ].join('\n');
    for (const secret of [SIGNING_SECRET, 'planted-slack-token', DB_PASSWORD])
      expect(everything).not.toContain(secret);
    const [record] = await fixture.store.listDeployments('development', { limit: 1 });
    expect(record!.notifications?.every((delivery) => delivery.delivered)).toBe(true);
    expect(JSON.stringify(record)).not.toContain(DB_PASSWORD);
  }, 240_000);

  it('a receiver answering 500 or never answering leaves the deployment successful, with a warning in the output and the record', async () => {
    const fixture = await fixtureWithoutLatencyLimits('development');
    const failing = await receiver({ status: 500 });
    const silent = await receiver('hang');
    await appendFile(
      join(fixture.project, 'config/deployment-config.yaml'),
      [
        'notifications:',
        `  - { type: webhook, url: "${failing.url}/hook", events: [succeeded], timeout: 3s, retries: 2 }`,
        `  - { type: webhook, url: "${silent.url}/hook", events: [succeeded], timeout: 2s, retries: 1 }`,
        '',
      ].join('\n'),
    );
    const run = await runCli(['deploy', 'development', '--yes'], {
      cwd: fixture.project,
      env: fixture.env as Record<string, string>,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('deployed development: release v1');
    expect(run.stdout).toMatch(
      /succeeded notification to notifications\[0\] \(webhook\) was not delivered after 3 attempt\(s\): the receiver answered HTTP 500/,
    );
    expect(run.stdout).toMatch(
      /notifications\[1\] \(webhook\) was not delivered after 1 attempt\(s\): no answer: timed out/,
    );
    expect(failing.received).toHaveLength(3);
    const [record] = await fixture.store.listDeployments('development', { limit: 1 });
    expect(record).toMatchObject({
      status: 'succeeded',
      notifications: [
        { event: 'succeeded', target: 'notifications[0] (webhook)', delivered: false, attempts: 3 },
        { event: 'succeeded', target: 'notifications[1] (webhook)', delivered: false, attempts: 1 },
      ],
    });
  }, 180_000);
});
