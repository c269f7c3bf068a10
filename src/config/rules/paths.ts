import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { PathSegment } from '../paths.js';
import type { Rule, RuleContext, RuleFinding } from './rule.js';

const error = (path: PathSegment[], message: string, hint: string): RuleFinding => ({
  severity: 'error',
  path,
  message,
  hint,
});

/** The real location of `path` (links followed), or the path itself while it does not exist yet. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** `a/../../b` and `/etc/x` leave the folder they are relative to; `a/b` and `a/../b` do not. */
export function leavesFolder(path: string): boolean {
  if (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path)) return true;
  let depth = 0;
  for (const part of path.split(/[\\/]+/)) {
    if (part === '..') depth--;
    else if (part !== '.' && part !== '') depth++;
    if (depth < 0) return true;
  }
  return false;
}

/** Whether `value` (relative to `projectRoot`) stays inside the project by its real location. */
export function staysInProject(projectRoot: string, value: string): boolean {
  return isInside(real(resolve(projectRoot, value)), real(projectRoot));
}

/** Where sources may be: the project, and each folder listed in `allowOutsideProject`. */
function allowedFolders(context: RuleContext): string[] {
  const root = real(context.projectRoot);
  return [root, ...context.config.allowOutsideProject.map((folder) => real(resolve(root, folder)))];
}

/**
 * Site and function sources, and health-check plugins, are inside the project (by their real
 * location, so a source that is a link to /etc counts as leaving), or inside a folder the
 * configuration lists in `allowOutsideProject`.
 */
export const sourcesStayInTheProject: Rule = (context) => {
  const { config } = context;
  const candidates: Array<[PathSegment[], string, string]> = [];
  if (config.frontend) candidates.push([['frontend', 'source'], config.frontend.source, 'the site source']);
  for (const [key, fn] of Object.entries(config.backend?.functions ?? {}))
    candidates.push([['backend', 'functions', key, 'source'], fn.source, `the source of function ${key}`]);
  config.health.checks.forEach((check, index) => {
    if (check.type === 'plugin')
      candidates.push([['health', 'checks', index, 'module'], check.module, 'the health-check plugin']);
  });
  const folders = allowedFolders(context);
  return candidates.flatMap(([path, value, what]) => {
    const written = resolve(context.projectRoot, value);
    const location = real(written);
    if (folders.some((folder) => isInside(location, folder))) return [];
    return [
      error(
        path,
        `${what} '${value}' is outside the project${location === written ? '' : ` (it leads to ${location})`}`,
        'Paths are relative to the project root and stay inside it. To deploy from a folder outside it on purpose, list that folder in allowOutsideProject (see docs/security.md).',
      ),
    ];
  });
};

/** Entry points and handlers name files inside their source folder; the site prefix is a plain key prefix. */
export const pathsStayInTheirFolder: Rule = ({ config }) => {
  const findings: RuleFinding[] = [];
  config.frontend?.entryPoints.forEach((entry, index) => {
    if (!entry.startsWith('/') && leavesFolder(entry))
      findings.push(
        error(
          ['frontend', 'entryPoints', index],
          `entry point '${entry}' leaves the source folder`,
          'Name a file inside frontend.source, relative to it, without ../.',
        ),
      );
  });
  if (config.frontend?.prefix.split(/[\\/]/).includes('..'))
    findings.push(
      error(
        ['frontend', 'prefix'],
        `the prefix '${config.frontend.prefix}' holds '..'`,
        'Write a key prefix such as site/v2.',
      ),
    );
  for (const [key, fn] of Object.entries(config.backend?.functions ?? {})) {
    const module = fn.handler.slice(0, Math.max(0, fn.handler.lastIndexOf('.')));
    if (leavesFolder(module))
      findings.push(
        error(
          ['backend', 'functions', key, 'handler'],
          `handler '${fn.handler}' leaves the function's source folder`,
          'Write the module relative to the source folder, e.g. index.handler or src/api.handler.',
        ),
      );
  }
  return findings;
};
