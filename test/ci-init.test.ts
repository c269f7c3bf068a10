import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionlint } from './helpers/actionlint.js';
import { runCli } from './helpers/run-cli.js';
import { MINIMAL_MASTER, testdir } from './helpers/testdir.js';

const S3_STATE = 'state:\n  backend: s3\n  bucket: shop-state\n';

interface ProjectShape {
  environments?: Record<string, string>;
  /** `origin`'s URL; null: a git repository without remotes; undefined: no git repository at all. */
  remote?: string | null;
  state?: string;
  /** Where the omnix project sits inside the repository. */
  dir?: string;
}

/** A project with a configuration, package.json and lock file, in a git repository with `origin`. */
async function ciProject(shape: ProjectShape = {}): Promise<{ root: string; project: string }> {
  const dir = shape.dir ?? '.';
  const environments = shape.environments ?? { staging: '', production: 'approvals:\n  required: true\n' };
  const files: Record<string, string> = {
    [join(dir, 'config/deployment-config.yaml')]: `${MINIMAL_MASTER}${shape.state ?? S3_STATE}`,
    'package.json': JSON.stringify({
      name: 'shop',
      scripts: { test: 'vitest run' },
      devDependencies: { 'omnix-deploy': '*' },
    }),
    'package-lock.json': '{"lockfileVersion": 3}\n',
  };
  for (const [name, content] of Object.entries(environments))
    files[join(dir, `config/environments/${name}.yaml`)] = content;
  const root = await testdir(files);
  if (shape.remote !== undefined) {
    execFileSync('git', ['init', '-q'], { cwd: root });
    if (shape.remote !== null) execFileSync('git', ['remote', 'add', 'origin', shape.remote], { cwd: root });
  }
  return { root, project: join(root, dir) };
}

const workflowOf = (root: string) => readFileSync(join(root, '.github/workflows/deploy.yml'), 'utf8');
const GITHUB = 'git@github.com:acme/shop.git';

describe('omnix ci init github', () => {
  describe.each([
    ['staging', { staging: '' }, []],
    ['staging,production, no approvals', { staging: '', production: '' }, []],
    ['staging,production, production requires approvals', undefined, []],
    [
      'development,staging,production, approvals on the last two, role ARNs, another branch',
      {
        development: '',
        staging: 'approvals:\n  required: true\n',
        production: 'approvals:\n  required: true\n',
      },
      [
        '--environments',
        'development,staging,production',
        '--role-arn',
        'arn:aws:iam::123456789012:role/omnix-deploy',
        '--plan-role-arn',
        'arn:aws:iam::123456789012:role/omnix-plan',
        '--branch',
        'trunk',
      ],
    ],
  ] as Array<[string, Record<string, string> | undefined, string[]]>)('for %s', (_, environments, flags) => {
    it('writes a workflow that passes actionlint, shows it, and --force overwrites it after a refusal', async () => {
      const { root } = await ciProject({ remote: GITHUB, ...(environments ? { environments } : {}) });
      const written = await runCli(['ci', 'init', 'github', ...flags], { cwd: root });
      expect(written.exitCode, written.stderr).toBe(0);
      expect(written.stderr).toBe('');
      const yaml = workflowOf(root);
      expect(await actionlint(yaml)).toEqual([]);
      expect(written.stdout).toContain(yaml);
      expect(written.stdout).toContain('"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"');

      const refused = await runCli(['ci', 'init', 'github', ...flags], { cwd: root });
      expect(refused.exitCode).toBe(2);
      expect(refused.stderr).toContain('deploy.yml exists already; nothing was written');
      expect(refused.stderr).toContain('--force');

      execFileSync('sh', ['-c', 'echo "# edited by hand" >> .github/workflows/deploy.yml'], { cwd: root });
      const forced = await runCli(['ci', 'init', 'github', ...flags, '--force'], { cwd: root });
      expect(forced.exitCode, forced.stderr).toBe(0);
      expect(forced.stdout).toContain('Overwrote');
      expect(workflowOf(root)).toBe(yaml);
      expect(await actionlint(workflowOf(root))).toEqual([]);
    });
  });

  it('gives the trust policies conditions on the repository and environments, and --json the lot', async () => {
    const { root } = await ciProject({ remote: 'https://github.com/acme/shop.git' });
    const run = await runCli(
      ['ci', 'init', 'github', '--json', '--role-arn', 'arn:aws:iam::123456789012:role/omnix-deploy'],
      { cwd: root },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      ok: true,
      path: join(root, '.github/workflows/deploy.yml'),
      warnings: [],
    });
    expect(result.workflow).toBe(workflowOf(root));
    const [deploy] = result.trustPolicies.deploy.Statement;
    expect(deploy.Principal.Federated).toBe(
      'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
    );
    expect(deploy.Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:acme/shop:environment:staging',
      'repo:acme/shop:environment:production',
    ]);
    expect(result.trustPolicies.plan.Statement[0].Condition.StringEquals).toMatchObject({
      'token.actions.githubusercontent.com:sub': 'repo:acme/shop:pull_request',
    });
    expect(result.nextSteps.join('\n')).toContain(
      '`omnix iam-policy staging` and `omnix iam-policy production`',
    );
    expect(result.workflow).toContain('role-to-assume: arn:aws:iam::123456789012:role/omnix-deploy');
    expect(result.workflow).toContain('role-to-assume: ${{ vars.OMNIX_PLAN_ROLE_ARN }}');
  });

  it('writes to the repository root for a project in a subfolder, working there', async () => {
    const { root, project } = await ciProject({ remote: GITHUB, dir: 'apps/shop' });
    const run = await runCli(['ci', 'init', 'github'], { cwd: project });
    expect(run.exitCode, run.stderr).toBe(0);
    const yaml = workflowOf(root);
    expect(yaml).toContain('working-directory: apps/shop');
    expect(yaml).toContain("hashFiles('apps/shop/omnix-audit.sarif')");
    expect(existsSync(join(project, '.github'))).toBe(false);
    expect(await actionlint(yaml)).toEqual([]);
  });

  it('takes --repository where there is no git repository, and writes into the project', async () => {
    const { root } = await ciProject({});
    const run = await runCli(['ci', 'init', 'github', '--repository', 'acme/shop'], { cwd: root });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(workflowOf(root)).toContain('for acme/shop');
  });

  it("warns about what shaped the pipeline here but will not be there in the pipeline's jobs", async () => {
    const { root } = await ciProject({
      remote: GITHUB,
      state: '',
      environments: { staging: 'aws:\n  profile: laptop-admin\n' },
    });
    const run = await runCli(['ci', 'init', 'github'], {
      cwd: root,
      env: { OMNIX__STATE__BACKEND: 's3', OMNIX__STATE__BUCKET: 'shop-state' },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      "OMNIX__STATE__BACKEND, OMNIX__STATE__BUCKET are set here and shaped what was read, but the pipeline's jobs do not have them",
    );
    expect(run.stderr).toContain("staging names the AWS profile 'laptop-admin' (aws.profile)");
  });

  describe('refuses with exit 2 and the reason, writing nothing', () => {
    it.each([
      [['ci', 'init', 'gitlab'], GITHUB, "unknown CI provider 'gitlab'", 'Known: github'],
      [['ci', 'init', 'github'], null, 'no git remote named origin', '--repository <owner>/<name>'],
      [
        ['ci', 'init', 'github'],
        'https://oauth2:glpat-secret@gitlab.com/acme/shop.git',
        'the git remote origin (https://gitlab.com/acme/shop.git) is not a github.com repository',
        '--repository <owner>/<name>',
      ],
      [
        ['ci', 'init', 'github', '--repository', 'acme'],
        GITHUB,
        '--repository takes <owner>/<name>',
        'acme/shop',
      ],
      [
        ['ci', 'init', 'github', '--environments', 'staging,prod'],
        GITHUB,
        "unknown environment 'prod'; did you mean 'production'?",
        'The configuration has: production, staging.',
      ],
      [['ci', 'init', 'github', '--environments', 'staging,staging'], GITHUB, "names 'staging' twice", ''],
      [
        ['ci', 'init', 'github', '--role-arn', 'omnix'],
        GITHUB,
        "--role-arn takes an IAM role ARN, not 'omnix'",
        '',
      ],
      [['ci', 'init', 'github', '--branch', 'a..b'], GITHUB, '--branch takes a branch name', ''],
    ])('%j with origin %s', async (args, remote, message, hint) => {
      const { root } = await ciProject({ remote });
      const run = await runCli(args, { cwd: root });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain(hint);
      expect(run.stderr).not.toContain('glpat-secret');
      expect(existsSync(join(root, '.github'))).toBe(false);
    });

    it('a configuration that keeps its state in a folder, which a runner throws away', async () => {
      const { root } = await ciProject({ remote: GITHUB, state: '' });
      const run = await runCli(['ci', 'init', 'github'], { cwd: root });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain('staging keeps its state in a folder (state.backend: file)');
      expect(run.stderr).toContain('backend: s3');
      expect(existsSync(join(root, '.github'))).toBe(false);
    });

    it("a region that is no AWS region name, which would become the credentials step's input", async () => {
      const { root } = await ciProject({
        remote: GITHUB,
        environments: { staging: 'aws:\n  region: "$${{ secrets.X }}"\n' },
      });
      const run = await runCli(['ci', 'init', 'github'], { cwd: root });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain("aws.region: region '${{ secrets.X }}' is not an AWS region name");
      expect(existsSync(join(root, '.github'))).toBe(false);
    });

    it('an invalid configuration, with its located errors', async () => {
      const { root } = await ciProject({
        remote: GITHUB,
        environments: { staging: 'rollout:\n  strategy: yolo\n' },
      });
      const run = await runCli(['ci', 'init', 'github'], { cwd: root });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(/config\/environments\/staging\.yaml:2:\d+ rollout\.strategy/);
    });
  });
});
