import {
  type ScaffoldOptions,
  scaffoldConfig,
  suggestProjectName,
  writeScaffold,
} from '../../config/init.js';
import { loadConfig } from '../../config/load.js';
import { ExitCode, InternalError, OmnixError } from '../../core/errors.js';
import type { CommandContext } from '../io.js';
import { createStyle } from '../style.js';

interface InitFlags {
  project?: string;
  region: string;
  environments: string;
  frontendSource: string;
  frontendBuild?: string;
  backendSource?: string;
  runtime: string;
  force?: boolean;
}

/** Scaffolds config/: asks on a terminal (unless --yes), takes flags and defaults otherwise. */
export async function init(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const flags = options as unknown as InitFlags;
  const root = context.configDir;
  const answers =
    context.interactive && !context.yes
      ? await ask(flags, root, context.io.ask ?? inquirerInput)
      : fromFlags(flags, root);
  const files = await writeScaffold(root, scaffoldConfig(answers), { force: flags.force });

  // The scaffold must be valid as written: check every environment the way `config validate` would.
  for (const environment of answers.environments) {
    const result = await loadConfig({ environment, configDir: root, env: {}, cwd: root });
    if (!result.ok) {
      throw new InternalError(
        `the new configuration for ${environment} is invalid: ${result.errors[0]?.message}`,
      );
    }
  }

  if (context.json) {
    context.printJson({ ok: true, root, created: files, environments: answers.environments });
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  for (const file of files) context.print(`${style.green('created')} ${file}`);
  context.print(
    `\nNext: ${style.bold('omnix config validate --all')}, then ${style.bold(`omnix config show ${answers.environments[0]}`)}.`,
  );
  return ExitCode.Ok;
}

function fromFlags(flags: InitFlags, root: string): ScaffoldOptions {
  const frontendSource = flags.frontendSource;
  return {
    project: flags.project ?? suggestProjectName(root),
    region: flags.region,
    environments: splitList(flags.environments),
    ...(frontendSource && frontendSource !== 'none'
      ? {
          frontend: {
            source: frontendSource,
            ...(flags.frontendBuild ? { build: flags.frontendBuild } : {}),
          },
        }
      : {}),
    ...(flags.backendSource ? { backend: { source: flags.backendSource, runtime: flags.runtime } } : {}),
  };
}

type Ask = NonNullable<CommandContext['io']['ask']>;

async function ask(flags: InitFlags, root: string, input: Ask): Promise<ScaffoldOptions> {
  const defaults = fromFlags(flags, root);
  const project = flags.project ?? (await input({ message: 'Project name', default: defaults.project }));
  const region = await input({ message: 'AWS region', default: flags.region });
  const environments = await input({
    message: 'Environments (comma-separated)',
    default: flags.environments,
  });
  const frontend = await input({
    message: 'Built site folder ("none" for no frontend)',
    default: flags.frontendSource,
  });
  const build =
    frontend !== 'none'
      ? await input({
          message: 'Command that builds the site (empty for none)',
          default: flags.frontendBuild ?? '',
        })
      : '';
  const backend = await input({
    message: 'Lambda function folder (empty for no backend)',
    default: flags.backendSource ?? '',
  });
  return fromFlags(
    {
      ...flags,
      project,
      region,
      environments,
      frontendSource: frontend,
      ...(build ? { frontendBuild: build } : {}),
      ...(backend ? { backendSource: backend } : { backendSource: undefined }),
    },
    root,
  );
}

const inquirerInput: Ask = async (question) => {
  let prompts: typeof import('@inquirer/prompts');
  try {
    prompts = await import('@inquirer/prompts');
  } catch (error) {
    throw new OmnixError('MissingDependency', 'the prompt library @inquirer/prompts could not be loaded', {
      hint: 'Run npm install @inquirer/prompts, or answer with flags and --yes.',
      cause: error,
      exitCode: ExitCode.Usage,
    });
  }
  return prompts.input(question);
};

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
