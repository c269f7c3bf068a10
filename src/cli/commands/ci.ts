import { ExitCode, UsageError } from '../../core/errors.js';
import type { CommandContext } from '../io.js';
import { createStyle } from '../style.js';

/** CI services `omnix ci init` writes a pipeline for. */
const PROVIDERS = ['github'];

export interface CiInitFlags {
  environments?: string;
  repository?: string;
  roleArn?: string;
  planRoleArn?: string;
  branch?: string;
  force?: boolean;
}

/** `omnix ci init <provider>`: writes the pipeline, shows it, and says what to set up around it. */
export async function ciInit(context: CommandContext, provider: string, flags: CiInitFlags): Promise<number> {
  if (!PROVIDERS.includes(provider))
    throw new UsageError('UnknownCiProvider', `unknown CI provider '${provider}'`, {
      hint: `Known: ${PROVIDERS.join(', ')} (omnix ci init github).`,
    });
  const environments = flags.environments
    ?.split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (environments !== undefined && environments.length === 0)
    throw new UsageError('EnvironmentsRequired', '--environments needs at least one environment name');
  const { initGithubPipeline } = await import('../../actions/ci/init-github.js');
  const result = await initGithubPipeline({
    configDir: context.configDir,
    cwd: context.io.cwd,
    env: context.io.env,
    ...(environments ? { environments } : {}),
    ...(flags.repository !== undefined ? { repository: flags.repository } : {}),
    ...(flags.roleArn !== undefined ? { roleArn: flags.roleArn } : {}),
    ...(flags.planRoleArn !== undefined ? { planRoleArn: flags.planRoleArn } : {}),
    ...(flags.branch !== undefined ? { branch: flags.branch } : {}),
    ...(flags.force ? { force: true } : {}),
  });
  if (context.json) {
    context.printJson({
      ok: true,
      path: result.path,
      overwritten: result.overwritten,
      workflow: result.yaml,
      trustPolicies: result.trustPolicies,
      nextSteps: result.nextSteps,
      warnings: result.warnings,
    });
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  context.print(style.bold(`${result.overwritten ? 'Overwrote' : 'Wrote'} ${result.path}:`));
  context.print();
  context.print(result.yaml);
  context.print(style.bold("Trust policy of the deploy role, for GitHub's OIDC provider:"));
  context.print(JSON.stringify(result.trustPolicies.deploy, null, 2));
  context.print();
  context.print(style.bold('Trust policy of the pull-request role (plan and audit, read-only):'));
  context.print(JSON.stringify(result.trustPolicies.plan, null, 2));
  context.print();
  context.print(style.bold('Next steps:'));
  for (const [index, step] of result.nextSteps.entries()) context.print(`  ${index + 1}. ${step}`);
  for (const warning of result.warnings) context.warn(`${style.yellow('warning:')} ${warning}`);
  return ExitCode.Ok;
}
