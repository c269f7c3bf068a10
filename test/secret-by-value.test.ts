import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { deployFixture } from './helpers/deploy-fixture.js';
import { omnixProcess } from './helpers/omnix-process.js';
import { TEST_CREDENTIALS } from './helpers/sandbox.js';

const TOKEN = `ghp_${'T0k3nV4lu3'.repeat(3)}abcdef`;
const PASSWORD = 'hunter2pass';
const DB_URL = `postgres://app:${PASSWORD}@db/shop`;

/** Every file under `dir`, as text. */
const allText = (dir: string): string =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');

describe('a value that looks like a secret, under a plain name', () => {
  it('is never printed or stored, and the function still gets it', async () => {
    const fixture = await deployFixture();
    const configFile = join(fixture.project, 'config/deployment-config.yaml');
    const config = readFileSync(configFile, 'utf8').replace(
      '        SITE_BUCKET: ${self:frontend.bucket}\n',
      `        SITE_BUCKET: \${self:frontend.bucket}\n        GITHUB_PAT: ${TOKEN}\n        DB_URL: ${DB_URL}\n`,
    );
    expect(config).toContain(TOKEN);
    writeFileSync(configFile, config);
    const env = fixture.processEnv();
    const run = (args: string[]) => omnixProcess(args, fixture.project, env);

    const deploy = await run(['deploy', 'development', '--yes']);
    expect(deploy.code, deploy.stdout + deploy.stderr).toBe(0);
    const shown = [
      await run(['config', 'show', 'development']),
      await run(['config', 'show', 'development', '--sources']),
      await run(['history', 'development', '--json']),
    ];
    const id: string = JSON.parse(shown[2]!.stdout).deployments[0].id;
    const record = await run(['history', 'show', id, '--json']);
    expect(record.code, record.stderr).toBe(0);
    expect(record.stdout).toContain('GITHUB_PAT');
    shown.push(record);
    const printed = shown.map((result) => result.stdout + result.stderr).join('\n');
    expect(printed).toContain('GITHUB_PAT');
    expect(printed).not.toContain(TOKEN);
    expect(printed).not.toContain(PASSWORD);
    const stored = allText(join(fixture.project, '.omnix'));
    expect(stored).toContain('GITHUB_PAT');
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toContain(PASSWORD);

    const lambda = new LambdaClient({
      region: 'us-east-1',
      endpoint: fixture.running.endpoint,
      credentials: TEST_CREDENTIALS,
    });
    const live = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'omnix-shop-api-development' }),
    );
    expect(live.Environment?.Variables).toMatchObject({ GITHUB_PAT: TOKEN, DB_URL });
  }, 300_000);
});
