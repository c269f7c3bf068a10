import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { omnixProcess, type ProcessRun } from '../helpers/omnix-process.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

/** One planted value per place a value can come from; each must reach the function and nothing else. */
const PLANTED = {
  /** A plain value in the YAML under `secrets:`, used through `${self:secrets.fromFile}`. */
  FROM_FILE: 'planted-file-secrets-block-7c1e',
  /** A plain value in the YAML under a key that says secret. */
  SIGNING_KEY: 'planted-file-signing-key-3b9a',
  /** `${env:API_TOKEN}`: the variable's name says secret. */
  API_TOKEN: 'planted-env-api-token-5d2f',
  /** `${env:PAYMENTS_VALUE}`: a plain variable name under a key that says secret. */
  STRIPE_SECRET: 'planted-env-under-secret-key-8e4c',
  /** `${ssm:}` directly, a SecureString, under a plain key. */
  DIRECT_SSM: 'planted-ssm-direct-1a6d',
  /** A SecureString reached through `secrets.viaSelf` → `secrets.dbPassword` → `${ssm:}`, inside a URL. */
  DATABASE_URL: 'planted-ssm-via-self-9f0b',
} as const;

const FUNCTION_ENVIRONMENT = `
        FROM_FILE: \${self:secrets.fromFile}
        SIGNING_KEY: ${PLANTED.SIGNING_KEY}
        API_TOKEN: \${env:API_TOKEN}
        STRIPE_SECRET: \${env:PAYMENTS_VALUE}
        DIRECT_SSM: \${ssm:/omnix/dev/direct}
        DATABASE_URL: postgres://app:\${self:secrets.viaSelf}@db:5432/shop
`;

const SECRETS_BLOCK = `
secrets:
  fromFile: ${PLANTED.FROM_FILE}
  dbPassword: \${ssm:/omnix/dev/db-password}
  viaSelf: \${self:secrets.dbPassword}
`;

/**
 * Health checks that fail and so report what they found: a /health that answers 503 with the secrets
 * in its body, and an invocation whose error message carries the database URL.
 */
const FAILING_CHECKS = `    - { name: leaky-health, type: http, url: "\${outputs.apiUrl}/health?fail=1", expect: { status: 200 } }
    - { name: leaky-error, type: lambda, function: api, payload: { boom: true } }
`;

/** The example's API, which also echoes its secrets where a careless backend would. */
const HANDLER_ADDITIONS = `
import { createHash } from 'node:crypto';
const PLANTED_NAMES = ${JSON.stringify(Object.keys(PLANTED))};
const sha256 = (text) => createHash('sha256').update(text ?? '').digest('hex');
export async function secretsHandler(event = {}) {
  if (event.boom) throw new Error(\`cannot reach \${process.env.DATABASE_URL} with \${process.env.DIRECT_SSM}\`);
  const path = event.path ?? '';
  if (path.endsWith('/fingerprint'))
    return { statusCode: 200, body: JSON.stringify(Object.fromEntries(PLANTED_NAMES.map((name) => [name, sha256(process.env[name])]))) };
  if (path.endsWith('/health')) {
    const leaked = Object.fromEntries(PLANTED_NAMES.map((name) => [name, process.env[name]]));
    const failing = event.queryStringParameters?.fail === '1';
    const body = failing
      ? { token: process.env.API_TOKEN, signing: process.env.SIGNING_KEY, status: 'down' }
      : { status: 'ok', version: '1.0.0', leaked };
    return { statusCode: failing ? 503 : 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  }
  return handler(event);
}
`;

/** Makes the sandbox answer as the rules say (none: as usual). */
async function setFaults(endpoint: string, rules: unknown[]) {
  const response = await fetch(`${endpoint}/_omnix/faults`, {
    method: 'PUT',
    body: JSON.stringify({ rules }),
  });
  expect(response.status).toBe(200);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every file under `dir` (skipping the planted configuration and installed packages), path → text. */
async function filesUnder(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const name = relative(dir, path);
    if (!entry.isFile() || /^(config|node_modules)\//.test(name)) continue;
    files.set(name, await readFile(path, 'utf8'));
  }
  return files;
}

function plantedIn(text: string): string[] {
  return Object.entries(PLANTED)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

// slow: deploys six times (four of them failing) and rolls back twice on the sandbox through the built CLI (npm run build first).
describe('planted secrets are never printed or stored (issue 15)', () => {
  it('keeps secrets from files, ${env:}, ${ssm:} and ${self:} chains out of every output, record and report, while the function receives them', async () => {
    // given: the example, with one secret planted in every place a value can come from
    const fixture = await deployFixture();
    const { project } = fixture;
    const ssm = new SSMClient({
      region: 'us-east-1',
      endpoint: fixture.running.endpoint,
      credentials: TEST_CREDENTIALS,
    });
    await ssm.send(
      new PutParameterCommand({ Name: '/omnix/dev/direct', Value: PLANTED.DIRECT_SSM, Type: 'SecureString' }),
    );
    await ssm.send(
      new PutParameterCommand({
        Name: '/omnix/dev/db-password',
        Value: PLANTED.DATABASE_URL,
        Type: 'SecureString',
      }),
    );
    const handlerFile = join(project, 'backend/api/index.mjs');
    await writeFile(handlerFile, (await readFile(handlerFile, 'utf8')) + HANDLER_ADDITIONS);
    const master = join(project, 'config/deployment-config.yaml');
    const original = await readFile(master, 'utf8');
    const withSecrets = (marker: string) =>
      `${original
        .replace(
          'handler: index.handler\n      runtime: nodejs22.x\n      memoryMb',
          'handler: index.secretsHandler\n      runtime: nodejs22.x\n      memoryMb',
        )
        .replace(
          '        SITE_BUCKET: ${self:frontend.bucket}\n',
          `        SITE_BUCKET: \${self:frontend.bucket}\n        MARKER: ${marker}${FUNCTION_ENVIRONMENT}`,
        )
        // latency on a busy machine is not what this test is about
        .replace(/^ {2}latency: .*\n/m, '')}${SECRETS_BLOCK}`;
    await writeFile(master, withSecrets('one'));
    const env = fixture.processEnv({ API_TOKEN: PLANTED.API_TOKEN, PAYMENTS_VALUE: PLANTED.STRIPE_SECRET });
    const outputs: Record<string, ProcessRun> = {};
    const omnix = async (label: string, args: string[]) => {
      outputs[label] = await omnixProcess(args, project, env);
      return outputs[label]!;
    };

    // when: the configuration is looked at, planned, deployed twice, deployed with failing checks,
    // inspected, checked and rolled back, all through the CLI
    for (const [label, args] of Object.entries({
      'config show': ['config', 'show', 'development'],
      'config show --json': ['config', 'show', 'development', '--json'],
      'config show --sources': ['config', 'show', 'development', '--sources'],
      'config show --resolve': ['config', 'show', 'development', '--resolve'],
      'config show --resolve --sources': ['config', 'show', 'development', '--resolve', '--sources'],
      'config diff': ['config', 'diff', 'development', 'staging'],
      'config diff --json': ['config', 'diff', 'development', 'staging', '--json'],
      plan: ['plan', 'development'],
      'plan --json': ['plan', 'development', '--json'],
    }))
      expect((await omnix(label, args)).code, `${label}: ${outputs[label]!.stderr}`).toBe(0);
    const first = await omnix('deploy', ['deploy', 'development', '--yes']);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    await writeFile(master, withSecrets('two'));
    const second = await omnix('deploy --json', ['deploy', 'development', '--yes', '--json']);
    expect(second.code, second.stdout + second.stderr).toBe(0);

    // the function receives every real value
    const fingerprint = JSON.parse(await (await fetch(`${fixture.apiUrl}/fingerprint`)).text());
    expect(fingerprint).toEqual(
      Object.fromEntries(
        Object.entries(PLANTED).map(([name, value]) => [
          name,
          sha256(name === 'DATABASE_URL' ? `postgres://app:${value}@db:5432/shop` : value),
        ]),
      ),
    );

    await writeFile(master, withSecrets('three').replace('\n  checks:\n', `\n  checks:\n${FAILING_CHECKS}`));
    const failing = await omnix('failing deploy', ['deploy', 'development', '--yes']);
    expect(failing.code, failing.stdout + failing.stderr).toBe(1);
    await writeFile(master, withSecrets('four').replace('\n  checks:\n', `\n  checks:\n${FAILING_CHECKS}`));
    await omnix('failing deploy --json', ['deploy', 'development', '--yes', '--json']);
    expect(outputs['failing deploy --json']!.code).toBe(1);
    // the failing checks did report what they found, only not the secrets in it
    expect(failing.stdout + failing.stderr).toMatch(/leaky-health[\s\S]*status 503/);

    // an AWS error that quotes the environment, as Lambda's does when the variables are too large
    await setFaults(fixture.running.endpoint, [
      {
        service: 'lambda',
        operation: 'UpdateFunctionConfiguration',
        error: {
          code: 'InvalidParameterValueException',
          status: 400,
          message: `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${JSON.stringify({ API_TOKEN: PLANTED.API_TOKEN, DIRECT_SSM: PLANTED.DIRECT_SSM, FROM_FILE: PLANTED.FROM_FILE })}`,
        },
      },
    ]);
    await writeFile(master, withSecrets('five').replace('\n  checks:\n', `\n  checks:\n${FAILING_CHECKS}`));
    const refused = await omnix('deploy refused by AWS', ['deploy', 'development', '--yes']);
    await omnix('deploy refused by AWS --json', ['deploy', 'development', '--yes', '--json']);
    await setFaults(fixture.running.endpoint, []);
    expect(refused.code, refused.stdout + refused.stderr).toBe(1);
    expect(refused.stdout + refused.stderr).toContain('String measured');

    const history = await omnix('history --json', ['history', 'development', '--json']);
    await omnix('history', ['history', 'development']);
    const deployments = (JSON.parse(history.stdout) as { deployments: { id: string }[] }).deployments;
    expect(deployments.length).toBeGreaterThanOrEqual(4);
    for (const { id } of deployments) {
      await omnix(`history show ${id}`, ['history', 'show', id]);
      await omnix(`history show ${id} --json`, ['history', 'show', id, '--json']);
    }
    await omnix('history diff', ['history', 'diff', 'v1', 'v2', '--environment', 'development']);
    await omnix('status', ['status', 'development']);
    await omnix('status --json', ['status', 'development', '--json']);
    await omnix('health', ['health', 'development']);
    await omnix('health --json', ['health', 'development', '--json']);
    await omnix('health --report md', ['health', 'development', '--report', 'md', '--output', 'health.md']);
    expect(outputs.health!.code).toBe(1);
    expect(outputs.health!.stdout).toContain('leaky-health');
    const rollback = await omnix('rollback', ['rollback', 'development', '1', '--yes']);
    expect(rollback.stdout + rollback.stderr).toMatch(/v1/);
    await omnix('rollback --json', ['rollback', 'development', '2', '--yes', '--json']);

    // then: no planted value is in any output, nor in any file omnix wrote (state, reports)
    const leaks: string[] = [];
    for (const [label, { stdout, stderr }] of Object.entries(outputs)) {
      for (const name of plantedIn(stdout)) leaks.push(`${name} in the stdout of omnix ${label}`);
      for (const name of plantedIn(stderr)) leaks.push(`${name} in the stderr of omnix ${label}`);
    }
    const files = await filesUnder(project);
    expect([...files.keys()].some((name) => name.startsWith('.omnix/state/'))).toBe(true);
    // The agent's memory (issue 17) is among the files checked: one document per finished change at least.
    const memory = [...files.keys()].filter((name) => name.startsWith('.omnix/state/.agent-memory/d-'));
    expect(memory.length).toBeGreaterThanOrEqual(deployments.length);
    expect(files.get('health.md')).toContain('leaky-health');
    for (const [name, text] of files)
      for (const secret of plantedIn(text)) leaks.push(`${secret} in ${name}`);
    expect(leaks).toEqual([]);
  }, 900_000);
});
