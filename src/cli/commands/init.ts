import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ignoreOmnixFolder } from '../../config/gitignore.js';
import {
  checkRuntime,
  checkScaffoldOptions,
  InitAnswerError,
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
  runtime?: string;
  force?: boolean;
}

const DEFAULT_RUNTIME = 'nodejs22.x';

/** Scaffolds config/: asks on a terminal (unless --yes), takes flags and defaults otherwise. */
export async function init(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const flags = options as unknown as InitFlags;
  const root = context.configDir;
  // A wrong --runtime cannot be corrected at a prompt: refuse it before asking anything.
  if (flags.runtime !== undefined) naming(() => checkRuntime(flags.runtime as string));
  const answers =
    context.interactive && !context.yes
      ? await ask(flags, root, context.io.ask)
      : naming(() => {
          const answers = fromFlags(flags, root);
          checkScaffoldOptions(answers, root);
          return answers;
        });
  if (flags.runtime !== undefined && !answers.backend)
    throw new UsageError('RuntimeWithoutBackend', '--runtime was given without a function to run it', {
      hint: "Give --backend-source too, or leave out --runtime. See 'omnix init --help'.",
    });
  // Every answer is checked before anything is written.
  const scaffold = scaffoldConfig(answers, root);
  if (answers.backend && !existsSync(resolve(root, answers.backend.source)))
    context.warn(
      `the function folder '${answers.backend.source}' does not exist yet: create it before deploying`,
    );
  const files = await writeScaffold(root, scaffold, { force: flags.force });

  // The scaffold must be valid as written: check every environment the way `config validate` would.
  for (const environment of answers.environments) {
    const result = await loadConfig({ environment, configDir: root, env: {}, cwd: root });
    if (!result.ok) {
      throw new InternalError(
        `the new configuration for ${environment} is invalid: ${result.errors[0]?.message}`,
      );
    }
  }

  const gitignore = await ignoreOmnixFolder(root);
  if (context.json) {
    context.printJson({ ok: true, root, created: files, environments: answers.environments, gitignore });
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  for (const file of files) context.print(`${style.green('created')} ${file}`);
  context.print(
    gitignore === 'already-ignored'
      ? `.gitignore already keeps .omnix/ (local state and caches) out of git`
      : `${style.green(gitignore === 'created' ? 'created' : 'updated')} .gitignore: .omnix/ (local state and caches) stays out of git`,
  );
  context.print(
    `\nNext: ${style.bold('omnix config validate --all')}, then ${style.bold(`omnix config show ${answers.environments[0]}`)}.`,
  );
  return ExitCode.Ok;
}

/** Runs a check of flags: a wrong answer becomes a usage error that names its flag. */
function naming<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof InitAnswerError)) throw error;
    throw new UsageError(error.code, `${error.flag}: ${error.message}`, {
      ...(error.hint ? { hint: error.hint } : {}),
    });
  }
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
    ...(flags.backendSource
      ? { backend: { source: flags.backendSource, runtime: flags.runtime ?? DEFAULT_RUNTIME } }
      : {}),
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
function checked(root: string, answersSoFar: (answer: string) => Partial<ScaffoldOptions>) {
  return (answer: string): true | string => {
    try {
      checkScaffoldOptions({ ...PLACEHOLDERS, ...answersSoFar(answer.trim()) }, root);
      return true;
    } catch (error) {
      if (!(error instanceof InitAnswerError)) throw error;
      // The same words as the flag's error: what is wrong, and what is allowed.
      return `${error.message}. ${error.hint}`;
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
      validate: checked(root, (project) => ({ project })),
    }));
  const region = await input({
    message: 'AWS region',
    default: flags.region,
    validate: checked(root, (region) => ({ project, region })),
  });
  const environments = await input({
    message: 'Environments (comma-separated)',
    default: flags.environments,
    validate: checked(root, (answer) => ({ project, region, environments: splitList(answer) })),
  });
  const frontend = (
    await input({
      message: 'Built site folder ("none" for no frontend)',
      default: flags.frontendSource,
      validate: (answer) =>
        answer.trim() === ''
          ? 'give a folder, or "none"'
          : answer.trim() === 'none' ||
            checked(root, (source) => ({ project, region, frontend: { source } }))(answer),
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
      validate: checked(root, (answer) => {
        const { frontend: _frontend, ...rest } = PLACEHOLDERS;
        return {
          ...rest,
          ...(frontend !== 'none' ? { frontend: { source: frontend } } : {}),
          ...(answer ? { backend: { source: answer, runtime: flags.runtime ?? DEFAULT_RUNTIME } } : {}),
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
