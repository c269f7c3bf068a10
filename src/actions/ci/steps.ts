import { PINNED, usesOf } from './pinned-actions.js';
import type { PipelineSettings, Step } from './workflow-model.js';

/** What an argument of a generated shell line may hold: nothing a shell would read as more than a word. */
const SAFE_WORD = /^[A-Za-z0-9._,:=/-]+$/;

/**
 * `npx --no omnix <args>` as one shell line. `--no` keeps npx from fetching an unrelated package named
 * `omnix` from the registry when the project lacks `omnix-deploy`. Every argument comes from the
 * configuration or the generator, never from the event that triggered the run; each is checked anyway.
 */
export function omnixLine(args: readonly string[]): string {
  for (const arg of args)
    if (!SAFE_WORD.test(arg))
      throw new Error(`not a safe shell word for the pipeline: ${JSON.stringify(arg)}`);
  return `npx --no omnix ${args.join(' ')}`;
}

/** `working-directory` for a folder of the repository ('.' needs none). */
export const inDir = (dir: string): Pick<Step, 'working-directory'> =>
  dir === '.' ? {} : { 'working-directory': dir };

/** Check out, set up Node with npm's cache, install: what every job starts with. */
export function setupSteps(settings: PipelineSettings): Step[] {
  const lockFile =
    settings.installDir === '.' ? 'package-lock.json' : `${settings.installDir}/package-lock.json`;
  return [
    {
      uses: usesOf(PINNED.checkout),
      // The job's token stays out of .git/config, where a later step could read it.
      with: { 'persist-credentials': false },
    },
    {
      uses: usesOf(PINNED.setupNode),
      with: {
        ...(settings.nodeVersionFile
          ? { 'node-version-file': settings.nodeVersionFile }
          : { 'node-version': '22' }),
        cache: 'npm',
        'cache-dependency-path': lockFile,
      },
    },
    { name: 'Install', run: 'npm ci', ...inDir(settings.installDir) },
  ];
}

/** AWS credentials for the job by OIDC: a short-lived session of the role, no stored keys. */
export function credentialsStep(role: string, region: string): Step {
  return {
    name: 'AWS credentials (OIDC)',
    uses: usesOf(PINNED.awsCredentials),
    with: { 'role-to-assume': role, 'aws-region': region },
  };
}

/** The deploy role: the flag's ARN, or the variable a repository or GitHub Environment sets. */
export const deployRole = (settings: PipelineSettings) =>
  settings.roleArn ?? '${{ vars.OMNIX_DEPLOY_ROLE_ARN }}';

/** The pull-request role, which plans and audits: the flag's ARN, or its variable. */
export const planRole = (settings: PipelineSettings) =>
  settings.planRoleArn ?? '${{ vars.OMNIX_PLAN_ROLE_ARN }}';
