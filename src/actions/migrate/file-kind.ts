import { basename, extname } from 'node:path';
import type { FileKind } from './types.js';

const SHELL = new Set(['.sh', '.bash', '.zsh', '.ksh']);
const JAVASCRIPT = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx']);
const YAML = /\.ya?ml$/i;

/**
 * What kind of file `path` (relative, with `/` separators) is, from its name and place, or from
 * the `#!` line of a file without an extension. Undefined: not a file the scanner reads.
 */
export function fileKindOf(path: string, firstLine = ''): FileKind | undefined {
  const name = basename(path);
  const lower = name.toLowerCase();
  const ext = extname(lower);
  if (lower === 'package.json') return 'package-json';
  if (lower === 'makefile' || lower === 'gnumakefile' || ext === '.mk') return 'makefile';
  if (lower === 'jenkinsfile' || lower.endsWith('.jenkinsfile') || ext === '.groovy') return 'jenkinsfile';
  if (YAML.test(lower)) {
    if (/(^|\/)\.github\/workflows\/[^/]+$/.test(path)) return 'github-actions';
    if (lower === '.gitlab-ci.yml' || lower.endsWith('.gitlab-ci.yml')) return 'gitlab-ci';
    if (/(^|\/)\.circleci\/[^/]+$/.test(path)) return 'circleci';
    if (lower === 'bitbucket-pipelines.yml') return 'bitbucket-pipelines';
    if (/^serverless(\.[a-z0-9-]+)?\.ya?ml$/.test(lower) || /^samconfig\.ya?ml$/.test(lower))
      return 'serverless';
    if (
      /^(buildspec|azure-pipelines|\.travis|cloudbuild|\.drone|appveyor|codemagic)[^/]*\.ya?ml$/.test(lower)
    )
      return 'ci-yaml';
    return undefined;
  }
  if (lower === 'samconfig.toml') return 'samconfig';
  if (lower === '.env' || lower.startsWith('.env.') || ext === '.env') return 'env-file';
  if (SHELL.has(ext)) return 'shell';
  if (JAVASCRIPT.has(ext) && !lower.endsWith('.d.ts')) return 'javascript';
  if (ext === '.py') return 'python';
  if (ext === '' && firstLine.startsWith('#!')) {
    if (/\b(ba|z|k|da)?sh\b/.test(firstLine)) return 'shell';
    if (/\bnode\b|\bdeno\b|\bbun\b|\btsx\b|\bts-node\b/.test(firstLine)) return 'javascript';
    if (/\bpython/.test(firstLine)) return 'python';
  }
  return undefined;
}
