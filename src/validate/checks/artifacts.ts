import { posix } from 'node:path';
import { readPage } from '../../artifacts/local/page.js';
import { privateFiles } from '../../artifacts/local/private-files.js';
import { type LocalFile, readPlanned } from '../../artifacts/local/site.js';
import type { OmnixConfig } from '../../config/schema.js';
import { OmnixError } from '../../core/errors.js';
import { DIRECT_UPLOAD_LIMIT } from '../../providers/aws/functions.js';
import type { FunctionPackage } from '../../providers/package/function-package.js';
import { combine } from '../finding.js';
import { exportsName, handlerLocation } from '../handler-export.js';
import { packageEntries, packageFiles } from '../package-files.js';
import type { ValidationCheck, ValidationContext, ValidationFinding } from '../types.js';

/** Lambda's limit on a function's unpacked code. */
const UNZIPPED_LIMIT = 250 * 1024 * 1024;
const MB = 1024 * 1024;

/** Build outputs exist and look right: the site and its entry points, and each function's package. */
export const artifactsCheck: ValidationCheck = {
  name: 'artifacts',
  async run(context) {
    const problems: ValidationFinding[] = [];
    const notes: string[] = [];
    const { config } = context.loaded;
    if (config.frontend && context.only !== 'backend') {
      const site = await siteProblems(context, config.frontend);
      problems.push(...site.problems);
      if (site.note) notes.push(site.note);
    }
    if (config.backend && context.only !== 'frontend') {
      const packages = await context.packages();
      for (const [key, fn] of Object.entries(config.backend.functions)) {
        const pkg = packages.get(key)!;
        if (pkg instanceof Error) {
          problems.push({
            status: 'fail',
            message: `${key}: ${pkg.message}`,
            hint:
              pkg instanceof OmnixError && pkg.hint
                ? pkg.hint
                : 'Build the function first, or fix its source.',
          });
          continue;
        }
        const found = packageProblems(key, fn, pkg, Boolean(config.backend.artifactBucket));
        problems.push(...found);
        if (found.length === 0) notes.push(`${key} ${(pkg.zip.length / 1024).toFixed(0)} KB`);
      }
    }
    return combine(problems, notes.join(', '));
  },
};

async function siteProblems(
  context: ValidationContext,
  frontend: NonNullable<OmnixConfig['frontend']>,
): Promise<{ problems: ValidationFinding[]; note?: string }> {
  let files: LocalFile[];
  try {
    files = await context.site();
  } catch (error) {
    return {
      problems: [
        {
          status: 'fail',
          message: (error as Error).message,
          hint:
            error instanceof OmnixError && error.hint
              ? error.hint
              : 'Run the frontend build, or fix frontend.source.',
        },
      ],
    };
  }
  const problems: ValidationFinding[] = [];
  const hidden = privateFiles(
    files.map((file) => file.path),
    frontend.publishRiskyFiles,
  );
  if (hidden.length > 0)
    problems.push({
      status: 'fail',
      message: `${frontend.source} has ${hidden.length} file(s) that commonly hold secrets or repository data, which would be public: ${hidden.slice(0, 20).join(', ')}${hidden.length > 20 ? `, and ${hidden.length - 20} more` : ''}`,
      hint: 'Keep them out of the built site, or list the ones meant to be public in frontend.publishRiskyFiles.',
    });
  const byPath = new Map(files.map((file) => [file.path, file]));
  for (const entry of frontend.entryPoints) {
    const file = byPath.get(entry);
    if (!file) {
      problems.push({
        status: 'fail',
        message: `the entry point ${entry} is not in ${frontend.source}`,
        hint: 'Run the frontend build, or fix frontend.entryPoints.',
      });
      continue;
    }
    if (file.size === 0) problems.push({ status: 'fail', message: `the entry point ${entry} is empty` });
    if (!file.contentType.startsWith('text/html')) continue;
    const base = `https://site.invalid/${entry}`;
    const page = readPage((await readPlanned(file)).toString('utf8'), base);
    const missing = page.assets
      .filter(({ url }) => url.startsWith('https://site.invalid/'))
      .map(({ url }) => decodeURIComponent(new URL(url).pathname.slice(1)))
      .filter((path) => !byPath.has(path) && !byPath.has(posix.join(path, 'index.html')));
    if (missing.length > 0)
      problems.push({
        status: 'fail',
        message: `${entry} references ${missing.length} file(s) the site does not have: ${missing.join(', ')}`,
        hint: 'Run the frontend build again: the page and its assets are out of step.',
      });
  }
  return { problems, note: `site ${files.length} file(s)` };
}

function packageProblems(
  key: string,
  fn: NonNullable<OmnixConfig['backend']>['functions'][string],
  pkg: FunctionPackage,
  hasArtifactBucket: boolean,
): ValidationFinding[] {
  const problems: ValidationFinding[] = [];
  const entries = packageEntries(pkg.zip);
  const unzipped = [...entries.values()].reduce((sum, size) => sum + size, 0);
  if (pkg.zip.length > DIRECT_UPLOAD_LIMIT && !hasArtifactBucket)
    problems.push({
      status: 'fail',
      message: `${key}: the package is ${(pkg.zip.length / MB).toFixed(1)} MB zipped, over Lambda's 50 MB for a direct upload`,
      hint: 'Set backend.artifactBucket (packages over 50 MB go through S3), or make the package smaller.',
    });
  if (unzipped > UNZIPPED_LIMIT)
    problems.push({
      status: 'fail',
      message: `${key}: the package is ${(unzipped / MB).toFixed(1)} MB unzipped, over Lambda's 250 MB`,
      hint: 'Leave development dependencies and test files out of the function source.',
    });
  const location = handlerLocation(fn.handler, fn.runtime);
  if (location) {
    const file = location.files.find((name) => entries.has(name));
    if (!file)
      problems.push({
        status: 'fail',
        message: `${key}: the handler ${fn.handler} needs ${location.files.join(' or ')}, which the package does not have`,
        hint: `Fix backend.functions.${key}.handler, or build the function into ${fn.source}.`,
      });
    else {
      const source = Buffer.from(packageFiles(pkg.zip, (name) => name === file).get(file)!).toString('utf8');
      if (!exportsName(source, location.exported, fn.runtime))
        problems.push({
          status: 'fail',
          message: `${key}: ${file} does not export ${location.exported} (handler ${fn.handler})`,
          hint: `Export it (export const ${location.exported} = …), or fix backend.functions.${key}.handler.`,
        });
    }
  }
  if (fn.runtime.startsWith('nodejs') && entries.has('package.json')) {
    const text = Buffer.from(packageFiles(pkg.zip, (name) => name === 'package.json').get('package.json')!);
    let dependencies: string[] = [];
    try {
      dependencies = Object.keys(
        (JSON.parse(text.toString('utf8')) as { dependencies?: object }).dependencies ?? {},
      );
    } catch (error) {
      problems.push({
        status: 'fail',
        message: `${key}: package.json is not valid JSON (${(error as Error).message})`,
      });
    }
    // The Node.js runtimes bring the AWS SDK v3 with them.
    const missing = dependencies.filter(
      (name) => !name.startsWith('@aws-sdk/') && !entries.has(`node_modules/${name}/package.json`),
    );
    if (missing.length > 0)
      problems.push({
        status: 'fail',
        message: `${key}: declared dependencies are not in the package: ${missing.join(', ')}`,
        hint: `Install them into ${fn.source} (npm ci --omit=dev) or bundle them before deploying.`,
      });
  }
  return problems;
}
