import { type LoadResult, loadConfig } from '../../config/load.js';
import { displayPath, listEnvironments, locateConfig } from '../../config/location.js';
import { ConfigError, ExitCode, UsageError } from '../../core/errors.js';
import type { CommandContext } from '../io.js';
import { plural } from '../render/error.js';
import { githubIssues } from '../render/github-hooks.js';
import { issueToJson, renderIssue } from '../render/issues.js';
import { createStyle } from '../style.js';

export async function configValidate(
  context: CommandContext,
  environment: string | undefined,
  options: { all?: boolean },
): Promise<number> {
  if (environment && options.all) {
    throw new UsageError(
      'ConflictingArguments',
      `give an environment or --all, not both (got '${environment}' and --all)`,
    );
  }
  const location = locateConfig(context.configDir);
  const environments = environment ? [environment] : await listEnvironments(location);
  if (environments.length === 0) {
    throw new ConfigError([
      {
        source: displayPath(location.environmentsDir, context.io.cwd),
        path: '',
        message: 'there are no environments: no .yaml files in this folder',
        hint: 'Create one file per environment, e.g. environments/development.yaml (it may be empty).',
      },
    ]);
  }
  const results: LoadResult[] = [];
  for (const name of environments) {
    results.push(
      await loadConfig({
        environment: name,
        configDir: context.configDir,
        env: context.io.env,
        cwd: context.io.cwd,
      }),
    );
  }
  const ok = results.every((result) => result.ok);
  for (const result of results) githubIssues(context.io, result.ok ? [] : result.errors, result.warnings);

  if (context.json) {
    context.printJson({
      ok,
      environments: results.map((result) => ({
        environment: result.environment,
        ok: result.ok,
        errors: result.ok ? [] : result.errors.map(issueToJson),
        warnings: result.warnings.map(issueToJson),
      })),
    });
  } else {
    const style = createStyle(context.color);
    for (const result of results) {
      if (result.ok) {
        const note = result.warnings.length > 0 ? ` (${plural(result.warnings.length, 'warning')})` : '';
        context.print(`${style.green('✔')} ${style.bold(result.environment)}: valid${note}`);
      } else {
        context.warn(
          `${style.red('✖')} ${style.bold(result.environment)}: ${plural(result.errors.length, 'error')}`,
        );
        for (const issue of result.errors)
          context.warn(`  ${renderIssue(issue, style, 'error').replace(/\n/g, '\n  ')}`);
      }
      for (const issue of result.warnings)
        context.warn(`  ${renderIssue(issue, style, 'warning').replace(/\n/g, '\n  ')}`);
    }
  }
  return ok ? ExitCode.Ok : ExitCode.Usage;
}
