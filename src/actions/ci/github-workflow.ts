import { changeJobs, type Upstream } from './change-jobs.js';
import { PINNED, usesOf } from './pinned-actions.js';
import { credentialsStep, inDir, omnixLine, planRole, setupSteps } from './steps.js';
import type { Job, PipelineSettings, Workflow } from './workflow-model.js';

/** Where the audit writes its findings, relative to the project. */
export const AUDIT_SARIF = 'omnix-audit.sarif';

/**
 * The pipeline as data: tests and validation on every pull request and push; on pull requests from this
 * repository a plan and an audit of the first environment; on pushes to the branch, the first
 * environment deployed and each later one promoted from the one before, each behind its GitHub
 * Environment and its own concurrency group.
 */
export function githubWorkflow(settings: PipelineSettings): Workflow {
  const jobs: Record<string, Job> = { test: testJob(settings), plan: planJob(settings) };
  let upstream: Upstream = { needs: 'test', condition: "github.event_name == 'push'" };
  let from: string | undefined;
  for (const environment of settings.environments) {
    const made = changeJobs(settings, environment, from, upstream);
    Object.assign(jobs, made.jobs);
    upstream = made.upstream;
    from = environment.name;
  }
  return {
    name: 'Deploy',
    on: {
      pull_request: { branches: [settings.branch] },
      push: { branches: [settings.branch] },
    },
    // Nothing by default: each job asks for what it needs.
    permissions: {},
    jobs,
  };
}

function testJob(settings: PipelineSettings): Job {
  return {
    name: 'Test and validate',
    'runs-on': 'ubuntu-latest',
    permissions: { contents: 'read' },
    steps: [
      ...setupSteps(settings),
      ...(settings.testScript ? [{ name: 'Test', run: 'npm test', ...inDir(settings.projectDir) }] : []),
      {
        name: 'Validate the configuration of every environment',
        run: omnixLine(['config', 'validate', '--all']),
        ...inDir(settings.projectDir),
      },
    ],
  };
}

function planJob(settings: PipelineSettings): Job {
  const first = settings.environments[0]!;
  const sarif = settings.projectDir === '.' ? AUDIT_SARIF : `${settings.projectDir}/${AUDIT_SARIF}`;
  return {
    name: `Plan and audit ${first.name}`,
    // Pull requests from forks get no OIDC token, and must not get AWS access: only this repository's.
    if: "github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository",
    needs: 'test',
    'runs-on': 'ubuntu-latest',
    concurrency: { group: `plan-${settings.project}-\${{ github.ref }}`, 'cancel-in-progress': true },
    permissions: {
      contents: 'read',
      'id-token': 'write',
      // Uploading the audit to code scanning; `actions: read` is needed for it in private repositories.
      'security-events': 'write',
      actions: 'read',
    },
    steps: [
      ...setupSteps(settings),
      credentialsStep(planRole(settings), first.region),
      {
        name: `Plan ${first.name}`,
        run: omnixLine(['plan', first.name]),
        ...inDir(settings.projectDir),
      },
      {
        name: `Audit ${first.name}`,
        run: omnixLine(['audit', first.name, '--sarif', AUDIT_SARIF]),
        ...inDir(settings.projectDir),
      },
      {
        name: 'Upload the audit to code scanning',
        if: `!cancelled() && hashFiles('${sarif.replace(/'/g, "''")}') != ''`,
        uses: usesOf(PINNED.uploadSarif),
        with: { sarif_file: sarif, category: 'omnix-audit' },
      },
    ],
  };
}
