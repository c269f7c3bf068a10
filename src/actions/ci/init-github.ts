import { existsSync } from 'node:fs';
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { locateConfig } from '../../config/location.js';
import { UsageError } from '../../core/errors.js';
import { describeState, pipelineEnvironments } from './environments.js';
import { gitRoot } from './git.js';
import { githubWorkflow } from './github-workflow.js';
import { nextSteps, workflowHeader } from './next-steps.js';
import { npmProject, repoPath } from './project-files.js';
import { findRepository } from './repository.js';
import { deployTrustPolicy, parseRoleArn, planTrustPolicy, type TrustPolicy } from './trust-policy.js';
import type { PipelineSettings } from './workflow-model.js';
import { workflowYaml } from './workflow-yaml.js';

export interface CiInitOptions {
  /** The project root or its config folder. */
  configDir: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** In deployment order. @default staging, production (those the configuration has) */
  environments?: readonly string[];
  /** `owner/name`. @default read from `git remote get-url origin` */
  repository?: string;
  roleArn?: string;
  planRoleArn?: string;
  /** The branch whose pushes deploy. @default 'main' */
  branch?: string;
  /** Overwrite an existing workflow file. */
  force?: boolean;
}

export interface CiInitResult {
  /** The workflow file written. */
  path: string;
  overwritten: boolean;
  yaml: string;
  settings: PipelineSettings;
  trustPolicies: { deploy: TrustPolicy; plan: TrustPolicy };
  nextSteps: string[];
  warnings: string[];
}

/** The path GitHub reads the workflow from, below the repository root. */
export const WORKFLOW_PATH = '.github/workflows/deploy.yml';

const BRANCH = /^(?!.*\.\.)(?!\/)[A-Za-z0-9._/-]{1,200}(?<!\/)$/;

/**
 * `omnix ci init github`: writes the GitHub Actions pipeline of the project to the repository's
 * `.github/workflows/deploy.yml` and says what to set up around it (OIDC roles, their trust policies,
 * GitHub Environments). Refuses, changing nothing, where the result could not work.
 */
export async function initGithubPipeline(options: CiInitOptions): Promise<CiInitResult> {
  const branch = options.branch ?? 'main';
  if (!BRANCH.test(branch))
    throw new UsageError('InvalidBranch', `--branch takes a branch name such as main, not '${branch}'`);
  for (const [flag, arn] of [
    ['--role-arn', options.roleArn],
    ['--plan-role-arn', options.planRoleArn],
  ] as const)
    if (arn !== undefined && !parseRoleArn(arn))
      throw new UsageError('InvalidRoleArn', `${flag} takes an IAM role ARN, not '${arn.slice(0, 200)}'`, {
        hint: 'For example: arn:aws:iam::123456789012:role/omnix-deploy',
      });

  const location = locateConfig(options.configDir);
  const projectRoot = await realpath(location.projectRoot);
  const loaded = await pipelineEnvironments(location, options.environments, options);
  const repository = await findRepository(projectRoot, options.repository);
  const repoRoot = await realpath((await gitRoot(projectRoot)) ?? projectRoot);
  const npm = npmProject(projectRoot, repoRoot);
  const first = loaded[0]!;

  const settings: PipelineSettings = {
    project: first.config.project,
    repository,
    environments: loaded.map(({ environment, config }) => ({
      name: environment,
      region: config.aws.region,
      approvalsRequired: config.approvals.required,
      frontend: config.frontend !== undefined,
    })),
    branch,
    projectDir: repoPath(repoRoot, projectRoot),
    installDir: repoPath(repoRoot, npm.installRoot ?? projectRoot),
    ...(npm.nodeVersionFile ? { nodeVersionFile: npm.nodeVersionFile } : {}),
    testScript: npm.testScript,
    ...(options.roleArn ? { roleArn: options.roleArn } : {}),
    ...(options.planRoleArn ? { planRoleArn: options.planRoleArn } : {}),
    stateStore: [...new Set(loaded.map(({ config }) => describeState(config.state)))].join(', '),
  };
  const yaml = workflowYaml(githubWorkflow(settings), workflowHeader(settings));

  const path = join(repoRoot, WORKFLOW_PATH);
  const overwritten = existsSync(path);
  if (overwritten && !options.force)
    throw new UsageError('WorkflowExists', `${path} exists already; nothing was written`, {
      hint: 'Add --force to overwrite it (keep a copy first if you changed it by hand).',
    });
  await mkdir(join(repoRoot, '.github/workflows'), { recursive: true });
  await writeFile(path, yaml);

  const deployArn = options.roleArn ? parseRoleArn(options.roleArn) : undefined;
  const planArn = options.planRoleArn ? parseRoleArn(options.planRoleArn) : undefined;
  const account = first.config.aws.accountId;
  const trustPolicies = {
    deploy: deployTrustPolicy(
      { repository, ...(deployArn ?? (account ? { account } : {})) },
      settings.environments.map((environment) => environment.name),
    ),
    plan: planTrustPolicy({ repository, ...(planArn ?? deployArn ?? (account ? { account } : {})) }),
  };
  const warnings: string[] = [];
  if (!npm.installRoot)
    warnings.push(
      'no package-lock.json in the project or above it: the workflow installs with `npm ci` and caches by it; run `npm install` and commit package-lock.json',
    );
  if (!npm.hasOmnix)
    warnings.push(
      'omnix-deploy is not a dependency of the project: the workflow runs `npx --no omnix`, which uses the installed one only; run `npm install --save-dev omnix-deploy`',
    );
  const overrides = Object.keys(options.env).filter((name) => name.startsWith('OMNIX__'));
  if (overrides.length > 0)
    warnings.push(
      `${overrides.join(', ')} ${overrides.length === 1 ? 'is' : 'are'} set here and shaped what was read, but the pipeline's jobs do not have ${overrides.length === 1 ? 'it' : 'them'}: put the setting in the configuration, or in the workflow's env`,
    );
  for (const { environment, config } of loaded)
    if (config.aws.profile)
      warnings.push(
        `${environment} names the AWS profile '${config.aws.profile}' (aws.profile): in CI the credentials come from OIDC in environment variables, which a named profile would pass over; let it resolve to nothing there (e.g. \${env:AWS_PROFILE, ""})`,
      );
  return {
    path,
    overwritten,
    yaml,
    settings,
    trustPolicies,
    nextSteps: nextSteps(settings, { account, deployArn, planArn }),
    warnings,
  };
}
