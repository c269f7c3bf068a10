import {
  checkScaffoldOptions,
  type ScaffoldOptions,
  scaffoldConfig,
  suggestProjectName,
  writeScaffold,
} from '../../config/init.js';
import { loadConfig } from '../../config/load.js';
import { ExitCode, InternalError, UsageError } from '../../core/errors.js';
import type { CommandContext } from '../io.js';
import type { Ask } from '../prompt.js';
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
    context.interactive && !context.yes ? await ask(flags, root, context.io.ask) : fromFlags(flags, root);
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

/** A valid value for each answer not given yet, so checking the answers so far can only fail on the newest. */
const PLACEHOLDERS: ScaffoldOptions = {
  project: 'placeholder',
  region: 'us-east-1',
  environments: ['development'],
  frontend: { source: 'web/dist' },
};

/** An answer check for the prompt: the flags' own rules (checkScaffoldOptions) on the answers so far. */
function checked(answersSoFar: (answer: string) => Partial<ScaffoldOptions>) {
  return (answer: string): true | string => {
    try {
      checkScaffoldOptions({ ...PLACEHOLDERS, ...answersSoFar(answer.trim()) });
      return true;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      return error.message;
    }
  };
}

/** Asks for each answer the flags did not give, checking each as it is given (a wrong one is asked again). */
async function ask(flags: InitFlags, root: string, input: Ask): Promise<ScaffoldOptions> {
  const defaults = fromFlags(flags, root);
  const project =
    flags.project ??
    (await input({
      message: 'Project name',
      default: defaults.project,
      validate: checked((project) => ({ project })),
    }));
  const region = await input({
    message: 'AWS region',
    default: flags.region,
    validate: checked((region) => ({ project, region })),
  });
  const environments = await input({
    message: 'Environments (comma-separated)',
    default: flags.environments,
    validate: checked((answer) => ({ project, region, environments: splitList(answer) })),
  });
  const frontend = (
    await input({
      message: 'Built site folder ("none" for no frontend)',
      default: flags.frontendSource,
      validate: (answer) => answer.trim() !== '' || 'give a folder, or "none"',
    })
  ).trim();
  const build =
    frontend !== 'none'
      ? await input({
          message: 'Command that builds the site (empty for none)',
          default: flags.frontendBuild ?? '',
        })
      : '';
  const backend = (
    await input({
      message: 'Lambda function folder (empty for no backend)',
      default: flags.backendSource ?? '',
      validate: checked((answer) => {
        const { frontend: _frontend, ...rest } = PLACEHOLDERS;
        return {
          ...rest,
          ...(frontend !== 'none' ? { frontend: { source: frontend } } : {}),
          ...(answer ? { backend: { source: answer, runtime: flags.runtime } } : {}),
        };
      }),
    })
  ).trim();
  return fromFlags(
    {
      ...flags,
      project: project.trim(),
      region: region.trim(),
      environments,
      frontendSource: frontend,
      ...(build ? { frontendBuild: build } : {}),
      ...(backend ? { backendSource: backend } : { backendSource: undefined }),
    },
    root,
  );
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
