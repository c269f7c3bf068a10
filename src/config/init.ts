import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { closest } from '../core/suggest.js';
import { KNOWN_AWS_REGIONS } from './aws-regions.js';
import { ENVIRONMENTS_DIR, MASTER_FILE } from './location.js';
import { staysInProject } from './rules/paths.js';
import { lambdaFunctionSchema } from './schema/backend.js';
import { layerJsonSchema } from './schema.js';

/** Answers that shape a new project's configuration. */
export interface ScaffoldOptions {
  project: string;
  region: string;
  environments: string[];
  /** Omit for a backend-only project. */
  frontend?: { source: string; build?: string };
  /** Omit for a frontend-only project. */
  backend?: { source: string; runtime: string };
}

export const SCHEMA_FILE = 'omnix.schema.json';

const PROJECT = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ENVIRONMENT = /^[a-z0-9][a-z0-9-]*$/;
const runtimeSchema = lambdaFunctionSchema.shape.runtime;

/** A wrong answer to `init`; `flag` names the option that gives it (a prompt shows message and hint alike). */
export class InitAnswerError extends UsageError {
  readonly flag: string;

  constructor(flag: string, code: string, message: string, hint: string) {
    super(code, message, { hint });
    this.flag = flag;
  }
}

/** A usable project name from a folder name: `My App` → `my-app`. */
export function suggestProjectName(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return PROJECT.test(name) ? name : 'my-app';
}

/**
 * Checks the answers by the rules `config validate` applies to what they become, before anything is
 * written: names, a known region, a known runtime, sources inside the project (`root`).
 */
export function checkScaffoldOptions(options: ScaffoldOptions, root: string): void {
  if (!PROJECT.test(options.project)) {
    throw new InitAnswerError(
      '--project',
      'InvalidProjectName',
      `'${options.project}' is not a valid project name`,
      'Use lowercase letters, digits and hyphens (at most 63, not starting with a hyphen), e.g. my-shop.',
    );
  }
  if (!KNOWN_AWS_REGIONS.includes(options.region)) {
    const suggestion = closest(options.region, KNOWN_AWS_REGIONS);
    throw new InitAnswerError(
      '--region',
      'UnknownRegion',
      `'${options.region}' is not an AWS region omnix knows${suggestion ? `: did you mean ${suggestion}?` : ''}`,
      `For example eu-west-1. For a region newer than this omnix, run init with another and then set aws.region in config/${MASTER_FILE}: config validate checks only its form.`,
    );
  }
  if (options.environments.length === 0) {
    throw new InitAnswerError(
      '--environments',
      'NoEnvironments',
      'at least one environment is needed',
      'For example development,production.',
    );
  }
  for (const environment of options.environments) {
    if (!ENVIRONMENT.test(environment)) {
      throw new InitAnswerError(
        '--environments',
        'InvalidEnvironmentName',
        `'${environment}' is not a valid environment name`,
        'Use lowercase letters, digits and hyphens.',
      );
    }
  }
  if (!options.frontend && !options.backend) {
    throw new InitAnswerError(
      '--frontend-source',
      'NothingToDeploy',
      'a project needs a frontend, a backend, or both',
      'Give --frontend-source, --backend-source, or both.',
    );
  }
  const outside = 'Give a folder relative to the project root, inside it (no ../, not absolute).';
  if (options.frontend && !staysInProject(root, options.frontend.source)) {
    throw new InitAnswerError(
      '--frontend-source',
      'SourceOutsideProject',
      `the site folder '${options.frontend.source}' is outside the project`,
      outside,
    );
  }
  if (options.backend) {
    if (!staysInProject(root, options.backend.source)) {
      throw new InitAnswerError(
        '--backend-source',
        'SourceOutsideProject',
        `the function folder '${options.backend.source}' is outside the project`,
        outside,
      );
    }
    checkRuntime(options.backend.runtime);
  }
}

/** The runtime must be one `config validate` accepts (nodejs22.x, not banana or nodejs8.10). */
export function checkRuntime(runtime: string): void {
  if (!runtimeSchema.safeParse(runtime).success) {
    throw new InitAnswerError(
      '--runtime',
      'InvalidRuntime',
      `'${runtime}' is not a Lambda runtime identifier`,
      'For example nodejs22.x or python3.13.',
    );
  }
}

/** The files of a new configuration, by path relative to the project root. */
export function scaffoldConfig(options: ScaffoldOptions, root: string): Record<string, string> {
  checkScaffoldOptions(options, root);
  const master: string[] = [
    `# yaml-language-server: $schema=./${SCHEMA_FILE}`,
    '# OMNIX Deploy: settings shared by every environment. Files in environments/ override them.',
    '# Every setting: docs/configuration.md in omnix-deploy, or `omnix config schema`.',
    `project: ${options.project}`,
    'aws:',
    `  region: ${options.region}`,
    '  # Empty means real AWS; set OMNIX_AWS_ENDPOINT to use the sandbox or another emulator.',
    '  endpoint: ${env:OMNIX_AWS_ENDPOINT, ""}',
  ];
  if (options.frontend) {
    master.push('frontend:');
    if (options.frontend.build) master.push(`  build: ${options.frontend.build}`);
    master.push(
      `  source: ${options.frontend.source}`,
      '  bucket: ${self:project}-web-${environment}',
      '  cacheControl:',
      '    # immutable: browsers keep these a year without asking. Only for content-hashed names (app.3f9c2b1a.js,',
      '    # as bundlers write to assets/); a file edited under the same name stays stale there: narrow this match.',
      '    - { match: "assets/**", value: "public, max-age=31536000, immutable" }',
      '    - { match: "**/*.html", value: "no-cache" }',
    );
  }
  if (options.backend) {
    master.push(
      'backend:',
      '  functions:',
      '    api:',
      '      name: ${self:project}-api-${environment}',
      `      source: ${options.backend.source}`,
      '      handler: index.handler',
      `      runtime: ${options.backend.runtime}`,
      '      environment:',
      '        STAGE: ${environment}',
      '  api:',
      '    name: ${self:project}-${environment}',
      '    stage: ${environment}',
    );
  }
  master.push('health:', '  checks:');
  if (options.frontend) master.push('    - { name: site, type: frontend, url: "${outputs.siteUrl}" }');
  if (options.backend)
    master.push(
      '    # Your function must answer GET /health with 200; point this at any path it serves.',
      '    - { name: api, type: http, url: "${outputs.apiUrl}/health", expect: { status: 200 } }',
    );
  master.push('rollout:', '  autoRollback: true');

  const files: Record<string, string> = {
    [`config/${MASTER_FILE}`]: `${master.join('\n')}\n`,
    [`config/${SCHEMA_FILE}`]: `${JSON.stringify(layerJsonSchema(), null, 2)}\n`,
  };
  for (const environment of options.environments) {
    const lines = [
      `# yaml-language-server: $schema=../${SCHEMA_FILE}`,
      `# ${environment}: what differs from config/${MASTER_FILE}.`,
    ];
    if (/^prod(uction)?$/.test(environment)) lines.push('approvals:', '  required: true');
    else lines.push('{}');
    files[`config/${ENVIRONMENTS_DIR}/${environment}.yaml`] = `${lines.join('\n')}\n`;
  }
  return files;
}

/** Writes the files under `root`; refuses to replace any existing one unless `force`. */
export async function writeScaffold(
  root: string,
  files: Record<string, string>,
  { force = false } = {},
): Promise<string[]> {
  const existing = Object.keys(files).filter((path) => existsSync(join(root, path)));
  if (existing.length > 0 && !force) {
    throw new UsageError('ConfigExists', `configuration files already exist: ${existing.join(', ')}`, {
      hint: 'Pass --force to overwrite them, or edit them instead.',
    });
  }
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return Object.keys(files);
}
