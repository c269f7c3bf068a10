import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionlint } from '../../../test/helpers/actionlint.js';
import { githubWorkflow } from './github-workflow.js';
import { workflowHeader } from './next-steps.js';
import { PINNED } from './pinned-actions.js';
import type { Job, PipelineSettings, Workflow } from './workflow-model.js';
import { workflowYaml } from './workflow-yaml.js';

const base: PipelineSettings = {
  project: 'shop',
  repository: { owner: 'acme', name: 'shop' },
  environments: [],
  branch: 'main',
  projectDir: '.',
  installDir: '.',
  testScript: true,
  stateStore: 's3://shop-state/omnix/',
};

const env = (name: string, approvalsRequired = false, frontend = true) => ({
  name,
  region: 'eu-west-1',
  approvalsRequired,
  frontend,
});

/** Environment lists × which of them require approvals × where the project sits × the other settings. */
const CASES: Array<[string, Partial<PipelineSettings>]> = [
  ['one environment', { environments: [env('staging')] }],
  ['one environment that requires approvals', { environments: [env('production', true)] }],
  ['staging, production', { environments: [env('staging'), env('production')] }],
  ['staging, production with approvals', { environments: [env('staging'), env('production', true)] }],
  ['both with approvals', { environments: [env('staging', true), env('production', true)] }],
  [
    'three, the middle one with approvals, no frontend',
    { environments: [env('dev', false, false), env('qa', true, false), env('prod', false, false)] },
  ],
  [
    'four, approvals on the last two, in a subfolder with its own .nvmrc, no test script, role ARNs',
    {
      environments: [env('dev'), env('staging'), env('preprod', true), env('production', true)],
      projectDir: 'apps/shop',
      installDir: '.',
      nodeVersionFile: 'apps/shop/.nvmrc',
      testScript: false,
      roleArn: 'arn:aws:iam::123456789012:role/omnix-deploy',
      planRoleArn: 'arn:aws:iam::123456789012:role/omnix-plan',
      branch: 'release/v2',
    },
  ],
];

/** bash without the machine's start-up files (BASH_ENV), as a runner's step shell starts. */
const bash = (args: string[], env: Record<string, string> = {}) =>
  execFileSync('bash', ['--noprofile', '--norc', ...args], { env: { PATH: process.env.PATH ?? '', ...env } });

const runScripts = (workflow: Workflow) =>
  Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ? [step.run] : [])));

describe.each(CASES)('the generated workflow (%s)', (_, overrides) => {
  const settings = { ...base, ...overrides };
  const workflow = githubWorkflow(settings);
  const yaml = workflowYaml(workflow, workflowHeader(settings));

  it('passes actionlint', async () => {
    expect(await actionlint(yaml)).toEqual([]);
  });

  it('reads back as the same workflow', () => {
    expect(parse(yaml)).toEqual(JSON.parse(JSON.stringify(workflow)));
  });

  it('puts no expression into a shell line, and every script parses as bash', () => {
    for (const script of runScripts(workflow)) {
      expect(script).not.toContain('${{');
      bash(['-n', '-c', script]);
    }
  });

  it('pins every action by full commit SHA with its release beside it', () => {
    const uses = yaml.split('\n').filter((line) => line.includes('uses:'));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    for (const action of Object.values(PINNED))
      if (yaml.includes(action.uses))
        expect(yaml).toContain(`${action.uses}@${action.sha} # ${action.version}`);
  });

  it('grants nothing by default, and each job only what it needs', () => {
    expect(workflow.permissions).toEqual({});
    const jobs = Object.entries(workflow.jobs) as Array<[string, Job]>;
    for (const [id, job] of jobs) {
      const usesAws = job.steps.some((step) => step.uses?.startsWith(PINNED.awsCredentials.uses));
      const expected: Record<string, string> = { contents: 'read' };
      if (usesAws) expected['id-token'] = 'write';
      if (id === 'plan') Object.assign(expected, { 'security-events': 'write', actions: 'read' });
      expect(job.permissions, id).toEqual(expected);
    }
  });

  it('moves each environment in its own GitHub Environment and queue, never cancelling a change', () => {
    for (const environment of settings.environments) {
      const jobs = Object.values(workflow.jobs).filter((job) => job.environment?.name === environment.name);
      expect(jobs).toHaveLength(environment.approvalsRequired ? 2 : 1);
      for (const job of jobs) {
        expect(job.concurrency).toEqual({
          group: `deploy-shop-${environment.name}`,
          'cancel-in-progress': false,
        });
        expect(job.environment?.url !== undefined).toBe(environment.frontend);
      }
    }
  });

  it('deploys the first environment and promotes each later one from the one before', () => {
    const commands = runScripts(workflow).flatMap((script) =>
      [...script.matchAll(/npx --no omnix (deploy|promote) ([^|\n]*?)\s*(?:\|\||$)/gm)].map(
        (match) => `${match[1]} ${match[2]}`,
      ),
    );
    const names = settings.environments.map((environment) => environment.name);
    const expected = names.flatMap((name, index) => {
      const command = index === 0 ? `deploy ${name} --yes` : `promote ${names[index - 1]} ${name} --yes`;
      return settings.environments[index]!.approvalsRequired ? [command, command] : [command];
    });
    expect(commands).toEqual(expected);
  });
});

describe('a job whose environment requires approvals', () => {
  const workflow = githubWorkflow({
    ...base,
    environments: [env('staging'), env('production', true), env('dr')],
  });
  const waiting = workflow.jobs['promote-production']!;
  const again = workflow.jobs['promote-production-after-approval']!;
  const next = workflow.jobs['promote-dr']!;

  it('ends well on exit 5 with an output, and fails on any other failure', () => {
    const script = waiting.steps.at(-1)!.run!;
    const run = (code: number) => {
      const dir = mkdtempSync(join(tmpdir(), 'omnix-ci-'));
      const output = join(dir, 'output');
      const shell = script.replace('npx --no omnix promote staging production --yes', `(exit ${code})`);
      let status = 0;
      try {
        bash(['-e', '-c', shell], { GITHUB_OUTPUT: output });
      } catch (error) {
        status = (error as { status: number }).status;
      }
      let written = '';
      try {
        written = readFileSync(output, 'utf8');
      } catch {}
      rmSync(dir, { recursive: true, force: true });
      return { status, written };
    };
    expect(run(5)).toEqual({ status: 0, written: 'waiting_for_approval=true\n' });
    expect(run(0)).toEqual({ status: 0, written: '' });
    expect(run(1)).toEqual({ status: 1, written: '' });
    expect(run(4)).toEqual({ status: 4, written: '' });
  });

  it('is picked up by a second job that runs only when the first is waiting', () => {
    expect(waiting.outputs).toEqual({
      waiting_for_approval: '${{ steps.omnix.outputs.waiting_for_approval }}',
    });
    expect(again).toMatchObject({
      needs: 'promote-production',
      if: "needs.promote-production.outputs.waiting_for_approval == 'true'",
      environment: { name: 'production' },
    });
    expect(again.steps.at(-1)!.run).toBe('npx --no omnix promote staging production --yes');
  });

  it('lets the next environment go on after whichever of the two promoted', () => {
    expect(next.needs).toEqual(['promote-production', 'promote-production-after-approval']);
    expect(next.if).toBe(
      "!cancelled() && ((needs.promote-production.result == 'success' && needs.promote-production.outputs.waiting_for_approval != 'true') || needs.promote-production-after-approval.result == 'success')",
    );
  });
});

describe('pull requests', () => {
  const workflow = githubWorkflow({ ...base, environments: [env('staging'), env('production')] });

  it('plan and audit only for branches of this repository, which alone get an OIDC token', () => {
    expect(workflow.jobs.plan!.if).toBe(
      "github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository",
    );
    expect(workflow.jobs.plan!.steps.map((step) => step.name ?? step.uses?.split('@')[0])).toEqual([
      'actions/checkout',
      'actions/setup-node',
      'Install',
      'AWS credentials (OIDC)',
      'Plan staging',
      'Audit staging',
      'Upload the audit to code scanning',
    ]);
    expect(workflow.jobs.plan!.steps[3]!.with).toEqual({
      'role-to-assume': '${{ vars.OMNIX_PLAN_ROLE_ARN }}',
      'aws-region': 'eu-west-1',
    });
  });

  it('never deploy: changes run on pushes only', () => {
    expect(workflow.jobs['deploy-staging']!.if).toBe("github.event_name == 'push'");
    expect(workflow.on).toEqual({ pull_request: { branches: ['main'] }, push: { branches: ['main'] } });
  });
});
