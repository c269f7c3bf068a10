import type { GithubRepository } from './github-repository.js';

/** One environment of the pipeline, in deployment order: the first is deployed, each later one promoted. */
export interface PipelineEnvironment {
  name: string;
  /** `aws.region` of its configuration: where its credentials are asked for. */
  region: string;
  /** `approvals.required`: its job may exit 5 and be picked up by a second job after `omnix approve`. */
  approvalsRequired: boolean;
  /** It has a frontend: its site URL is the GitHub Environment's URL. */
  frontend: boolean;
}

/** Everything the generated workflow depends on, read from the project and the flags. */
export interface PipelineSettings {
  /** `project` of the configuration: names the concurrency groups. */
  project: string;
  repository: GithubRepository;
  environments: PipelineEnvironment[];
  /** The branch whose pushes deploy. */
  branch: string;
  /** The omnix project, relative to the repository root ('.' for the root), with `/` separators. */
  projectDir: string;
  /** The folder holding package-lock.json, relative to the repository root. */
  installDir: string;
  /** `.nvmrc` or `.node-version` relative to the repository root, when the project has one. */
  nodeVersionFile?: string;
  /** The project's package.json has a `test` script. */
  testScript: boolean;
  /** The deploy role; unset: the `OMNIX_DEPLOY_ROLE_ARN` variable of the repository or environment. */
  roleArn?: string;
  /** The pull-request role (plans, reads); unset: the `OMNIX_PLAN_ROLE_ARN` variable. */
  planRoleArn?: string;
  /** Where the state lives, in words, for the file's header. */
  stateStore: string;
}

/** A step of a job: an action or a shell script. */
export interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string | number | boolean>;
  run?: string;
  'working-directory'?: string;
  env?: Record<string, string>;
}

export interface Job {
  name: string;
  if?: string;
  needs?: string | string[];
  'runs-on': string;
  environment?: { name: string; url?: string };
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  permissions: Record<string, 'read' | 'write'>;
  outputs?: Record<string, string>;
  steps: Step[];
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, never>;
  jobs: Record<string, Job>;
}
