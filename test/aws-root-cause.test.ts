import { appendFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { deployFixture } from './helpers/deploy-fixture.js';
import { freePort } from './helpers/free-port.js';
import { omnixProcess } from './helpers/omnix-process.js';
import { MINIMAL_MASTER, project, testdir } from './helpers/testdir.js';

async function run(args: string[], extra: Record<string, string>) {
  const cwd = await testdir({ ...project(MINIMAL_MASTER), 'web/dist/index.html': '<html></html>' });
  const home = await testdir({});
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    NO_COLOR: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
  const result = await omnixProcess(args, cwd, env);
  return { ...result, output: result.stdout + result.stderr, home };
}

/** An endpoint that answers, but is no omnix sandbox: every request gets a 404. */
async function otherEndpoint(): Promise<string> {
  const server = createHttpServer((_request, response) => response.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('every check failing for one cause', () => {
  it('no sandbox at a loopback endpoint: said once, with how to start it', async () => {
    const port = await freePort();
    const keys = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example' };
    const endpoint = { OMNIX__AWS__ENDPOINT: `http://127.0.0.1:${port}`, ...keys };
    const validate = await run(['validate', 'development'], endpoint);
    expect(validate.code, validate.output).toBe(3);
    expect(count(validate.output, `no sandbox answers at http://127.0.0.1:${port}`)).toBe(1);
    expect(count(validate.output, 'omnix sandbox start --detach')).toBe(1);
    expect(count(validate.output, 'ECONNREFUSED')).toBe(1);
    expect(validate.output).not.toMatch(/iam-policy|s3:ListBucket/);

    const deploy = await run(['deploy', 'development', '--yes'], endpoint);
    expect(deploy.code).toBe(3);
    expect(count(deploy.output, `no sandbox answers at http://127.0.0.1:${port}`)).toBe(1);
    expect(deploy.output).toContain('omnix sandbox start --detach');
  }, 180_000);

  it('an endpoint elsewhere that cannot be reached: named once', async () => {
    const result = await run(['validate', 'development'], {
      OMNIX__AWS__ENDPOINT: 'http://omnix-test.invalid',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'example',
    });
    expect(result.code, result.output).toBe(3);
    expect(count(result.output, 'cannot reach omnix-test.invalid')).toBe(1);
    expect(result.output).not.toContain('sandbox start');
  }, 180_000);

  it('a profile that does not exist is named, once', async () => {
    const result = await run(['validate', 'development'], {
      OMNIX__AWS__ENDPOINT: await otherEndpoint(),
      AWS_PROFILE: 'no-such-profile',
    });
    expect(result.code).toBe(3);
    expect(count(result.output, 'profile no-such-profile not found in')).toBe(1);
    expect(result.output).toContain(join(result.home, '.aws', 'config'));
    expect(result.output).not.toContain('Could not load credentials');
  }, 180_000);

  it('no credentials at all for an endpoint that answers: said once, with what to set', async () => {
    const result = await run(['validate', 'development'], {
      OMNIX__AWS__ENDPOINT: await otherEndpoint(),
    });
    expect(result.code).toBe(3);
    expect(count(result.output, 'no AWS credentials found')).toBe(1);
    expect(result.output).toContain('AWS_PROFILE');
    expect(result.output).not.toContain('Could not load credentials');
  }, 180_000);

  it('no sandbox and no access key: the stopped sandbox is the cause, not the key', async () => {
    const port = await freePort();
    const endpoint = { OMNIX__AWS__ENDPOINT: `http://127.0.0.1:${port}` };
    for (const args of [
      ['validate', 'development'],
      ['plan', 'development'],
      ['deploy', 'development', '--yes'],
    ]) {
      const result = await run(args, endpoint);
      expect(result.code, `${args.join(' ')}\n${result.output}`).toBe(3);
      expect(count(result.output, `no sandbox answers at http://127.0.0.1:${port}`)).toBe(1);
      expect(count(result.output, 'omnix sandbox start --detach')).toBe(1);
      expect(result.output).not.toMatch(/no AWS credentials|AWS_PROFILE|CredentialsProvider/);
    }
  }, 300_000);
});

describe('a released environment whose sandbox has stopped, without an access key', () => {
  it('drift, rollback and health name the stopped sandbox once', async () => {
    const fixture = await deployFixture();
    const first = await fixture.run();
    expect(first.outcome.status).toBe('succeeded');
    appendFileSync(join(fixture.project, 'web/src/style.css'), '\n/* second release */\n');
    expect((await fixture.run()).outcome.status).toBe('succeeded');
    await fixture.running.stop();
    const env = fixture.processEnv({
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      HOME: await testdir({}),
    });
    const where = `no sandbox answers at ${fixture.running.endpoint}`;
    for (const args of [
      ['drift', 'development'],
      ['rollback', 'development', '1', '--yes'],
      ['health', 'development'],
    ]) {
      const result = await omnixProcess(args, fixture.project, env);
      const output = result.stdout + result.stderr;
      expect(result.code, `${args.join(' ')}\n${output}`).not.toBe(0);
      expect(count(output, where), `${args.join(' ')}\n${output}`).toBe(1);
      expect(output).not.toMatch(/no AWS credentials|CredentialsProviderError/);
    }
    // A refused connection on this machine is not retried by the health runner: one attempt per check.
    const json = await omnixProcess(['health', 'development', '--json'], fixture.project, env);
    const report = JSON.parse(json.stdout.trim().split('\n').at(-1)!);
    expect(report.cause.message).toContain(where);
    expect(report.checks.length).toBeGreaterThan(1);
    for (const check of report.checks)
      expect(check).toMatchObject({ status: 'fail', attempts: 1, message: 'not checked' });
  }, 300_000);
});
