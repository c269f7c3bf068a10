import type { Step } from './steps.js';
import type { FileKind, Finding } from './types.js';

const CONFIG_FILES: ReadonlySet<FileKind> = new Set(['serverless', 'samconfig', 'env-file']);
const CI_FILES: ReadonlySet<FileKind> = new Set([
  'github-actions',
  'gitlab-ci',
  'circleci',
  'bitbucket-pipelines',
  'jenkinsfile',
  'ci-yaml',
]);

/** What replaces one legacy file. */
export interface Replacement {
  /** The omnix commands that do what the file did, one per environment it deploys. */
  commands: string[];
  /** What the file was: a deployment, a rollback, a health check, CI, or configuration. */
  role: 'deploy' | 'rollback' | 'health' | 'ci' | 'configuration' | 'other';
  /** Steps omnix does not do, to keep or move elsewhere. */
  notCovered: Step[];
}

/** The environments a file's findings belong to, in a stable order. */
function environmentsOf(findings: readonly Finding[]): string[] {
  return [
    ...new Set(findings.flatMap((finding) => (finding.environment ? [finding.environment.name] : []))),
  ].sort();
}

/** The omnix commands that replace a legacy file, from the steps it takes and the environments it names. */
export function replacementFor(
  path: string,
  kind: FileKind,
  steps: readonly Step[],
  findings: readonly Finding[],
): Replacement {
  const notCovered = steps.filter((step) => step.area === 'not-covered');
  if (CONFIG_FILES.has(kind)) return { commands: [], role: 'configuration', notCovered };
  if (steps.length === 0) return { commands: [], role: 'other', notCovered };
  const environments = environmentsOf(findings);
  const targets = environments.length > 0 ? environments : ['<env>'];
  const areas = new Set(steps.map((step) => step.area));
  const ci = CI_FILES.has(kind);
  const yes = ci ? ' --yes' : '';
  const prefix = ci || kind === 'package-json' ? 'npx omnix' : 'omnix';
  if (/rollback|revert/i.test(path) || (areas.has('rollback') && !areas.has('frontend'))) {
    return {
      commands: targets.map((env) => `${prefix} rollback ${env}${yes}`),
      role: 'rollback',
      notCovered,
    };
  }
  const frontend = areas.has('frontend');
  const backend = areas.has('backend');
  if (!frontend && !backend && areas.has('health'))
    return { commands: targets.map((env) => `${prefix} health ${env}`), role: 'health', notCovered };
  if (!frontend && !backend && !areas.has('build') && notCovered.length === steps.length && steps.length > 0)
    return { commands: [], role: 'other', notCovered };
  const only = frontend && !backend ? ' --only frontend' : backend && !frontend ? ' --only backend' : '';
  return {
    commands: targets.map((env) => `${prefix} deploy ${env}${only}${yes}`),
    role: ci ? 'ci' : 'deploy',
    notCovered,
  };
}
