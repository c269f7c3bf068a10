import { environmentIn, guess } from './environments.js';
import { extractCiYaml } from './extract-ci-yaml.js';
import { extractCode } from './extract-code.js';
import { extractConfigYaml } from './extract-config-yaml.js';
import { extractEnvFile } from './extract-env-file.js';
import { extractMakefile } from './extract-makefile.js';
import { extractPackageJson } from './extract-package-json.js';
import { extractSamconfig } from './extract-samconfig.js';
import { extractShell } from './extract-shell.js';
import type { EnvironmentGuess, Extracted, Fact, FileKind } from './types.js';

/** Longest line read: longer ones (minified bundles, data) are cut, so no expression sees more. */
const MAX_LINE = 4096;

/** One extractor per kind of file. */
const EXTRACTORS: Record<FileKind, (text: string) => Fact[]> = {
  shell: (text) => extractShell(text),
  makefile: extractMakefile,
  javascript: (text) => extractCode(text, 'javascript'),
  python: (text) => extractCode(text, 'python'),
  jenkinsfile: (text) => extractCode(text, 'groovy'),
  'package-json': extractPackageJson,
  'github-actions': (text) => extractCiYaml(text, 'github'),
  'gitlab-ci': (text) => extractCiYaml(text, 'shell'),
  circleci: (text) => extractCiYaml(text, 'shell'),
  'bitbucket-pipelines': (text) => extractCiYaml(text, 'shell'),
  'ci-yaml': (text) => extractCiYaml(text, 'shell'),
  serverless: extractConfigYaml,
  samconfig: extractSamconfig,
  'env-file': extractEnvFile,
};

/** The environment a file's name or folder gives (`deploy-prod.sh`, `.env.staging`, `prod/deploy.sh`). */
export function environmentOfPath(within: string): EnvironmentGuess | undefined {
  const parts = within.split('/');
  for (let i = parts.length - 1; i >= 0; i--) {
    const env = environmentIn(parts[i]!.replace(/^\.env\./, 'env '));
    // `smoke-test.sh` and `run-tests.sh` test something; `deploy-test.sh` deploys the test environment.
    if (env === 'test' && !/deploy|release|publish|upload|sync|\.env/i.test(parts[i]!)) continue;
    if (env) return guess(env, i === parts.length - 1 ? `file name ${parts[i]}` : `folder ${parts[i]}`);
  }
  return undefined;
}

/** Facts of one file, by its kind. */
export function extractFile(kind: FileKind, text: string, within: string): Extracted {
  const capped = text
    .split('\n')
    .map((line) => (line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line))
    .join('\n');
  const fileEnv = environmentOfPath(within);
  return { facts: EXTRACTORS[kind](capped), ...(fileEnv ? { fileEnv } : {}) };
}
