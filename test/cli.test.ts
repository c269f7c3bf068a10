import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadValidConfig } from '../src/config/load.js';
import { runCli } from './helpers/run-cli.js';
import { MINIMAL_MASTER, project, testdir } from './helpers/testdir.js';

const EXAMPLE = join(import.meta.dirname, '../examples/webapp');

describe('omnix --help', () => {
  it('lists the commands', async () => {
    const run = await runCli(['--help'], { cwd: EXAMPLE });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/init \[options\]/);
    expect(run.stdout).toMatch(/config/);
    expect(run.stdout).toMatch(/^\s+deploy \[options\] <env>/m);
    expect(run.stdout).toMatch(/^\s+validate <env>/m);
    expect(run.stdout).toMatch(/^\s+dashboard/m);
    expect(run.stdout).toMatch(/^\s+migrate/m);
    expect(run.stdout).toMatch(/--config-dir <dir>/);
    expect(run.stdout).toMatch(/Exit codes: 0 success/);
  });

  it('shows a subcommand’s options and examples', async () => {
    const run = await runCli(['config', 'show', '--help'], { cwd: EXAMPLE });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('--sources');
    expect(run.stdout).toContain('$ omnix config show production --sources');
  });

  it('prints the package version', async () => {
    const pkg = JSON.parse(await readFile(join(import.meta.dirname, '../package.json'), 'utf8')) as {
      version: string;
    };
    const run = await runCli(['--version'], { cwd: EXAMPLE });
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('with --json, prints the version as one JSON line, wherever --json stands', async () => {
    const pkg = JSON.parse(await readFile(join(import.meta.dirname, '../package.json'), 'utf8')) as {
      version: string;
    };
    for (const args of [
      ['--version', '--json'],
      ['--json', '--version'],
    ]) {
      const run = await runCli(args, { cwd: EXAMPLE });
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toBe(`${JSON.stringify({ version: pkg.version })}\n`);
    }
  });

  it('prints help and exits 2 for a command group without a subcommand', async () => {
    const run = await runCli(['config'], { cwd: EXAMPLE });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('Usage: omnix config');
  });

  it('suggests the closest command for a typo', async () => {
    const run = await runCli(['confg'], { cwd: EXAMPLE });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/Did you mean config\?/);
  });
});

describe('orchestrator', () => {
  it('accepts the original task list’s verbs: deploy-status runs status', async () => {
    const root = await testdir(project(MINIMAL_MASTER));
    const run = await runCli(['deploy-status', 'development', '--json'], { cwd: root, bin: 'orchestrator' });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ environment: 'development', release: null, lock: null });
  });

  it('accepts the original verb validate-deployment as omnix validate', async () => {
    const run = await runCli(['validate-deployment', '--help'], { cwd: EXAMPLE, bin: 'orchestrator' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('(= orchestrator validate)');
    expect(run.stdout).toContain('$ omnix validate staging');
  });

  it('runs the same commands as omnix', async () => {
    const run = await runCli(['config', 'validate', 'staging'], { cwd: EXAMPLE, bin: 'orchestrator' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('staging: valid');
  });

  it('does not know the aliases under the omnix name', async () => {
    const run = await runCli(['deploy-history'], { cwd: EXAMPLE });
    expect(run.stderr).toContain("unknown command 'deploy-history'");
  });
});

describe('usage errors', () => {
  it("name the command's own help", async () => {
    const deploy = await runCli(['--no-color', 'deploy', 'staging', '--bogus'], { cwd: EXAMPLE });
    expect(deploy.exitCode).toBe(2);
    expect(deploy.stderr).toContain("unknown option '--bogus'");
    expect(deploy.stderr).toContain("hint: Run 'omnix deploy --help'");
    const validate = await runCli(['config', 'validate', 'staging', 'production'], { cwd: EXAMPLE });
    expect(validate.exitCode).toBe(2);
    expect(validate.stderr).toContain("Run 'omnix config validate --help'");
    const top = await runCli(['deploi'], { cwd: EXAMPLE });
    expect(top.stderr).toContain("Run 'omnix --help'");
  });

  it('says a workflow run or workflow is unknown before asking for --yes', async () => {
    const resume = await runCli(['workflow', 'resume', 'w-nope'], { cwd: EXAMPLE });
    expect(resume.exitCode).toBe(2);
    expect(resume.stderr).toContain('there is no workflow run w-nope');
    const run = await runCli(['workflow', 'run', 'relase'], { cwd: EXAMPLE });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).not.toContain('--yes');
  });

  it('suggest the environment an unknown name abbreviates', async () => {
    for (const command of [
      ['status', 'prod'],
      ['config', 'validate', 'prod'],
      ['deploy', 'prod', '--yes'],
      // Without --yes and without a terminal, the misspelt name is still what is said first.
      ['promote', 'staging', 'prod'],
    ]) {
      const run = await runCli(command, { cwd: EXAMPLE });
      expect(run.exitCode, command.join(' ')).toBe(2);
      expect(run.stderr).toContain("unknown environment 'prod'");
      expect(run.stderr).toContain("did you mean 'production'?");
    }
  });
});

describe('omnix config validate', () => {
  it('lists the errors by file, line and column', async () => {
    const root = await testdir(
      project(
        [
          'rollout:',
          '  autoRollback: maybe',
          'frontend:',
          '  source: web/dist',
          '  bucket: shop-web-${environment}',
          '  cacheControl: 5',
          'project: shop',
          'aws:',
          '  region: eu-west-1',
          '  bogus: 1',
          '',
        ].join('\n'),
        { development: 'project: also bad!\nhealth: 7\n' },
      ),
    );
    const run = await runCli(['config', 'validate', 'development', '--json'], { cwd: root });
    expect(run.exitCode).toBe(2);
    const { errors } = JSON.parse(run.stdout).environments[0] as {
      errors: Array<{ file: string; line: number; column: number }>;
    };
    expect(errors.map(({ file, line, column }) => `${file}:${line}:${column}`)).toEqual([
      'config/deployment-config.yaml:2:17',
      'config/deployment-config.yaml:6:17',
      'config/deployment-config.yaml:10:3',
      'config/environments/development.yaml:1:10',
      'config/environments/development.yaml:2:9',
    ]);
  });
});

describe('omnix config show', () => {
  it('prints the merged, resolved configuration as YAML', async () => {
    const run = await runCli(['config', 'show', 'staging'], { cwd: EXAMPLE });
    expect(run.exitCode).toBe(0);
    const shown = parse(run.stdout) as {
      frontend: { bucket: string };
      backend: { functions: { api: { memoryMb: number } } };
    };
    expect(shown.frontend.bucket).toBe('omnix-shop-web-staging');
    expect(shown.backend.functions.api.memoryMb).toBe(512);
  });

  it('names the source of every value with --sources', async () => {
    const run = await runCli(['config', 'show', 'production', '--sources'], { cwd: EXAMPLE });
    expect(run.stdout).toMatch(
      /backend\.functions\.api\.memoryMb\s+1024\s+config\/environments\/production\.yaml:6:17/,
    );
    expect(run.stdout).toMatch(
      /backend\.functions\.api\.name\s+omnix-shop-api-production\s+config\/deployment-config\.yaml:\d+:\d+/,
    );
    expect(run.stdout).toMatch(/rollout\.canary\.interval\s+60s\s+default/);
    expect(run.stdout).toMatch(
      /health\.checks\[0\]\.url\s+\$\{outputs\.apiUrl\}\/health \(resolved at deploy time\)/,
    );
  });

  it('names an override variable as the source', async () => {
    const run = await runCli(['config', 'show', 'staging', '--sources', '--json'], {
      cwd: EXAMPLE,
      env: { OMNIX__BACKEND__FUNCTIONS__API__MEMORY_MB: '2048' },
    });
    const report = JSON.parse(run.stdout) as {
      config: { backend: { functions: { api: { memoryMb: number } } } };
      sources: Record<string, string>;
    };
    expect(report.config.backend.functions.api.memoryMb).toBe(2048);
    expect(report.sources['backend.functions.api.memoryMb']).toBe(
      'env OMNIX__BACKEND__FUNCTIONS__API__MEMORY_MB',
    );
  });

  it('shows secrets as *** in text and JSON', async () => {
    const root = await testdir(
      project(
        `${MINIMAL_MASTER}secrets:\n  apiKey: \${env:API_KEY}\n  hook: "https://hooks.example/T0/B0/xyz"\n`,
      ),
    );
    for (const args of [
      ['config', 'show', 'development'],
      ['config', 'show', 'development', '--json'],
      ['config', 'show', 'development', '--sources'],
    ]) {
      const run = await runCli(args, { cwd: root, env: { API_KEY: 'sk-live-123' } });
      expect(run.exitCode).toBe(0);
      expect(run.stdout).not.toContain('sk-live-123');
      expect(run.stdout).not.toContain('hooks.example');
      expect(run.stdout).toContain('***');
    }
  });

  it('prints warnings, such as production without approvals', async () => {
    const root = await testdir(project(MINIMAL_MASTER, { production: '' }));
    const run = await runCli(['config', 'show', 'production'], { cwd: root });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('production deploys without approval');
  });
});

describe('omnix config diff', () => {
  it('prints a table of the values that differ', async () => {
    const run = await runCli(['config', 'diff', 'staging', 'production'], { cwd: EXAMPLE });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/PATH\s+STAGING\s+PRODUCTION/);
    expect(run.stdout).toMatch(/backend\.functions\.api\.memoryMb\s+512\s+1024/);
    expect(run.stdout).toMatch(/approvals\.required\s+false\s+true/);
    expect(run.stdout).not.toMatch(/^project\s/m);
  });

  it('says when two environments are the same', async () => {
    const root = await testdir(project(MINIMAL_MASTER.replace('-${environment}', ''), { a: '', b: '' }));
    const run = await runCli(['config', 'diff', 'a', 'b'], { cwd: root });
    expect(run.stdout).toContain('a and b have the same configuration');
  });

  it('reports values present on one side only, and hides secrets that differ', async () => {
    const root = await testdir(
      project(MINIMAL_MASTER, {
        a: 'secrets:\n  token: one\n',
        b: 'secrets:\n  token: two\nfrontend:\n  url: https://shop.example\n',
      }),
    );
    const run = await runCli(['config', 'diff', 'a', 'b', '--json'], { cwd: root });
    const { differences } = JSON.parse(run.stdout) as {
      differences: Array<{ path: string; a?: unknown; b?: unknown }>;
    };
    expect(differences).toContainEqual({ path: 'secrets.token', a: '***', b: '***' });
    expect(differences).toContainEqual({ path: 'frontend.url', b: 'https://shop.example' });
  });
});

describe('omnix config schema', () => {
  it('prints a JSON Schema that validates the example configuration', async () => {
    const run = await runCli(['config', 'schema'], { cwd: EXAMPLE });
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(run.stdout));
    for (const environment of ['development', 'staging', 'production']) {
      const loaded = await loadValidConfig({ environment, configDir: EXAMPLE, env: {}, cwd: EXAMPLE });
      expect(validate(loaded.tree), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validate({ project: 'x', aws: { region: 'us-east-1' }, frontend: { source: 1 } })).toBe(false);
  });

  it('with --json, is one JSON document on one line; pretty without', async () => {
    const json = await runCli(['config', 'schema', '--json'], { cwd: EXAMPLE });
    expect(json.exitCode).toBe(0);
    expect(json.stdout.trimEnd().split('\n')).toHaveLength(1);
    const pretty = await runCli(['config', 'schema'], { cwd: EXAMPLE });
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(pretty.stdout));
    expect(pretty.stdout.split('\n').length).toBeGreaterThan(100);
  });

  it('with --layer, validates each file of the example on its own', async () => {
    const run = await runCli(['config', 'schema', '--layer'], { cwd: EXAMPLE });
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(run.stdout));
    for (const file of [
      'deployment-config.yaml',
      'environments/staging.yaml',
      'environments/production.yaml',
    ]) {
      const content = parse(await readFile(join(EXAMPLE, 'config', file), 'utf8'));
      expect(validate(content), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validate({ frontend: { bukcet: 'x' } })).toBe(false);
  });

  it('writes the schema to a file with --output', async () => {
    const root = await testdir({});
    const run = await runCli(['config', 'schema', '--output', 'schema.json'], { cwd: root });
    expect(run.stdout).toBe('wrote schema.json\n');
    expect(JSON.parse(await readFile(join(root, 'schema.json'), 'utf8')).title).toBe(
      'OMNIX Deploy configuration',
    );
  });
});

describe('omnix config validate', () => {
  it('validates every environment when none is named', async () => {
    const run = await runCli(['config', 'validate'], { cwd: EXAMPLE });
    expect(run.stdout.trim().split('\n')).toEqual([
      '✔ development: valid',
      '✔ preview: valid',
      '✔ production: valid',
      '✔ staging: valid',
    ]);
  });

  it('reports each environment on its own: one bad file does not hide the others', async () => {
    const root = await testdir(
      project(MINIMAL_MASTER, { good: '', bad: 'frontend:\n  concurrency: many\n' }),
    );
    const run = await runCli(['config', 'validate', '--all', '--json'], { cwd: root });
    expect(run.exitCode).toBe(2);
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      environments: Array<{ environment: string; ok: boolean; errors: unknown[] }>;
    };
    expect(report.ok).toBe(false);
    expect(report.environments.map((e) => [e.environment, e.ok])).toEqual([
      ['bad', false],
      ['good', true],
    ]);
    expect(report.environments[0]!.errors[0]).toMatchObject({
      file: 'config/environments/bad.yaml',
      line: 2,
      column: 16,
      path: 'frontend.concurrency',
      expected: 'integer',
      found: '"many"',
    });
  });

  it('works from another folder through --config-dir', async () => {
    const root = await testdir({});
    const run = await runCli(['--config-dir', EXAMPLE, 'config', 'validate', 'staging'], { cwd: root });
    expect(run.exitCode).toBe(0);
  });
});

describe('omnix init', () => {
  it('without a terminal, builds the config from flags and defaults, and it validates', async () => {
    const root = await testdir({});
    const run = await runCli(
      ['init', '--project', 'acme', '--environments', 'dev,prod', '--backend-source', 'api'],
      { cwd: root },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('created config/environments/prod.yaml');
    const validate = await runCli(['config', 'validate', '--all'], { cwd: root });
    expect(validate.exitCode).toBe(0);
    const prod = await loadValidConfig({ environment: 'prod', configDir: root, env: {}, cwd: root });
    expect(prod.config.approvals.required).toBe(true);
    expect(prod.config.backend?.functions.api?.name).toBe('acme-api-prod');
  });

  it('on a terminal, asks for what the flags did not give', async () => {
    const root = await testdir({});
    const questions: string[] = [];
    const run = await runCli(['init'], {
      cwd: root,
      tty: true,
      answers: ['shop', 'eu-west-1', 'staging, production', 'public', 'npm run build', ''],
      questions,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(questions).toEqual([
      'Project name',
      'AWS region',
      'Environments (comma-separated)',
      'Built site folder ("none" for no frontend)',
      'Command that builds the site (empty for none)',
      'Lambda function folder (empty for no backend)',
    ]);
    const staging = await loadValidConfig({ environment: 'staging', configDir: root, env: {}, cwd: root });
    expect(staging.config).toMatchObject({
      project: 'shop',
      aws: { region: 'eu-west-1' },
      frontend: { source: 'public', build: 'npm run build', bucket: 'shop-web-staging' },
    });
    expect(staging.config.backend).toBeUndefined();
  });

  it('does not ask with --yes, even on a terminal', async () => {
    const root = await testdir({});
    const run = await runCli(['init', '--yes', '--json'], { cwd: root, tty: true });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).environments).toEqual(['development', 'staging', 'production']);
  });

  // issue 31, item 12: the project's local state and caches stay out of git.
  it('keeps .omnix/ out of git: creates .gitignore, adds to one, and leaves one that already ignores it', async () => {
    const fresh = await testdir({});
    const created = await runCli(['init', '--yes'], { cwd: fresh });
    expect(created.exitCode, created.stderr).toBe(0);
    expect(created.stdout).toContain('created .gitignore');
    expect(await readFile(join(fresh, '.gitignore'), 'utf8')).toMatch(/^\.omnix\/$/m);

    const existing = await testdir({ '.gitignore': 'node_modules' });
    const added = await runCli(['init', '--yes', '--json'], { cwd: existing });
    expect(JSON.parse(added.stdout).gitignore).toBe('added');
    expect(await readFile(join(existing, '.gitignore'), 'utf8')).toBe('node_modules\n.omnix/\n');

    const ignored = await testdir({ '.gitignore': '/.omnix\n' });
    const kept = await runCli(['init', '--yes', '--json'], { cwd: ignored });
    expect(JSON.parse(kept.stdout).gitignore).toBe('already-ignored');
    expect(await readFile(join(ignored, '.gitignore'), 'utf8')).toBe('/.omnix\n');
  });

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const root = await testdir(project(MINIMAL_MASTER));
    const refused = await runCli(['init'], { cwd: root });
    expect(refused.exitCode).toBe(2);
    expect(await readFile(join(root, 'config/deployment-config.yaml'), 'utf8')).toBe(MINIMAL_MASTER);
    const forced = await runCli(['init', '--force', '--project', 'fresh'], { cwd: root });
    expect(forced.exitCode).toBe(0);
    expect(await readFile(join(root, 'config/deployment-config.yaml'), 'utf8')).toContain('project: fresh');
  });

  it.each([
    [
      ['--frontend-source', '../../etc'],
      '--frontend-source',
      "the site folder '../../etc' is outside the project",
    ],
    [['--backend-source', '/etc'], '--backend-source', "the function folder '/etc' is outside the project"],
    [['--backend-source', 'api', '--runtime', 'banana'], '--runtime', "'banana' is not a Lambda runtime"],
    [
      ['--backend-source', 'api', '--runtime', 'nodejs8.10'],
      '--runtime',
      "'nodejs8.10' is not a Lambda runtime",
    ],
    [['--region', 'eu-westt-1'], '--region', 'did you mean eu-west-1?'],
    [['--project', 'My_App'], '--project', "'My_App' is not a valid project name"],
    [['--runtime', 'python3.13'], '--runtime', 'without a function'],
  ])('refuses %j before writing anything: a usage error naming the flag', async (flags, flag, message) => {
    const root = await testdir({});
    for (const tty of [false, true]) {
      const run = await runCli(['init', '--yes', '--no-color', ...flags], { cwd: root, tty });
      expect(run.exitCode, run.stderr).toBe(2);
      expect(run.stderr).toContain(`error: ${flag}`);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toContain('This is a bug');
      expect(existsSync(join(root, 'config'))).toBe(false);
    }
  });

  it('on a terminal, refuses a wrong answer with the same words as the flag, and asks again', async () => {
    const root = await testdir({});
    const refusals: string[] = [];
    const run = await runCli(['init'], {
      cwd: root,
      tty: true,
      answers: ['My_App', 'shop', 'eu-westt-1', 'eu-west-1', '', '../web', 'web/dist', '', '/etc', 'apii'],
      refusals,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const flagged = await runCli(['init', '--project', 'My_App'], { cwd: await testdir({}) });
    const hint = flagged.stderr.match(/hint: (.*)/)?.[1];
    expect(flagged.stderr).toContain("error: --project: 'My_App' is not a valid project name");
    expect(refusals[0]).toBe(`'My_App' is not a valid project name. ${hint}`);
    expect(refusals[0]).toContain('Use lowercase letters, digits and hyphens');
    expect(refusals[1]).toMatch(/'eu-westt-1' is not an AWS region omnix knows: did you mean eu-west-1\?/);
    expect(refusals[2]).toContain("the site folder '../web' is outside the project");
    expect(refusals[3]).toContain("the function folder '/etc' is outside the project");
    expect(refusals).toHaveLength(4);
    // A function folder that does not exist yet is allowed, with a warning: it may be created later.
    expect(run.stderr).toContain("the function folder 'apii' does not exist yet");
    expect((await runCli(['config', 'validate', '--all'], { cwd: root })).exitCode).toBe(0);
  });

  it('refuses a project with neither frontend nor backend', async () => {
    const root = await testdir({});
    const run = await runCli(['init', '--frontend-source', 'none'], { cwd: root });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('a project needs a frontend, a backend, or both');
  });
});

describe('omnix sandbox bootstrap', () => {
  it('exits 1 when nothing answers at the configured endpoint (no sandbox runs), 2 when another server does', async () => {
    const server = createServer((_request, response) => response.writeHead(404).end());
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    try {
      const other = await runCli(['sandbox', 'bootstrap', 'development', '--no-color'], {
        cwd: EXAMPLE,
        env: { OMNIX_AWS_ENDPOINT: `http://127.0.0.1:${port}` },
      });
      expect(other.exitCode, other.stderr).toBe(2);
      expect(other.stderr).toContain(`no omnix sandbox answers at http://127.0.0.1:${port}`);
    } finally {
      await new Promise((done) => server.close(done));
    }
    // The same port, now closed: nothing answers there.
    const none = await runCli(['sandbox', 'bootstrap', 'development', '--no-color'], {
      cwd: EXAMPLE,
      env: { OMNIX_AWS_ENDPOINT: `http://127.0.0.1:${port}` },
    });
    expect(none.exitCode, none.stderr).toBe(1);
    expect(none.stderr).toContain(`no sandbox is running at http://127.0.0.1:${port}`);
  });
});

describe('errors', () => {
  it('shows the stack only with --debug', async () => {
    const root = await testdir({});
    const plain = await runCli(['config', 'validate'], { cwd: root });
    expect(plain.stderr).not.toMatch(/^\s+at /m);
    const debug = await runCli(['config', 'validate', '--debug'], { cwd: root });
    expect(debug.stderr).toMatch(/^\s+at /m);
  });

  it('uses colour only when asked for and possible', async () => {
    const root = await testdir({});
    const coloured = await runCli(['config', 'validate'], { cwd: root, env: { FORCE_COLOR: '1' } });
    expect(coloured.stderr).toContain('\x1b[');
    const plain = await runCli(['config', 'validate', '--no-color'], {
      cwd: root,
      env: { FORCE_COLOR: '1' },
    });
    expect(plain.stderr).not.toContain('\x1b[');
    const noColor = await runCli(['config', 'validate'], {
      cwd: root,
      env: { FORCE_COLOR: '1', NO_COLOR: '1' },
    });
    expect(noColor.stderr).not.toContain('\x1b[');
  });
});
