import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** What the workflow needs to know of the project's npm setup. */
export interface NpmProject {
  /** The folder holding package-lock.json (the project's, or a workspace root's above it). */
  installRoot: string | undefined;
  nodeVersionFile: string | undefined;
  testScript: boolean;
  /** omnix-deploy is among the dependencies, so `npx --no omnix` finds it. */
  hasOmnix: boolean;
  hasPackageJson: boolean;
}

/** npm init's placeholder test script, which fails: not a test suite to run. */
const NO_TEST = 'echo "Error: no test specified" && exit 1';
const LARGEST_PACKAGE_JSON = 1024 * 1024;

interface PackageJson {
  name?: unknown;
  scripts?: Record<string, unknown>;
  dependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
}

function readPackageJson(dir: string): PackageJson | undefined {
  const path = join(dir, 'package.json');
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  if (text.length > LARGEST_PACKAGE_JSON) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as PackageJson) : undefined;
  } catch {
    return undefined;
  }
}

/** Folders from `dir` up to and including `top`. */
function upTo(dir: string, top: string): string[] {
  const dirs = [dir];
  let current = dir;
  while (current !== top && current.startsWith(`${top}${sep}`)) {
    current = dirname(current);
    dirs.push(current);
  }
  return dirs;
}

/** Reads the npm side of the project at `projectRoot` inside the repository at `repoRoot`. */
export function npmProject(projectRoot: string, repoRoot: string): NpmProject {
  const dirs = upTo(projectRoot, repoRoot);
  const installRoot = dirs.find((dir) => existsSync(join(dir, 'package-lock.json')));
  const versionFile = [projectRoot, ...(installRoot ? [installRoot] : [])]
    .flatMap((dir) => ['.nvmrc', '.node-version'].map((name) => join(dir, name)))
    .find((path) => existsSync(path));
  const own = readPackageJson(projectRoot);
  const packages = [
    own,
    ...(installRoot && installRoot !== projectRoot ? [readPackageJson(installRoot)] : []),
  ];
  const hasOmnix = packages.some(
    (pkg) =>
      pkg !== undefined &&
      (pkg.name === 'omnix-deploy' ||
        pkg.dependencies?.['omnix-deploy'] !== undefined ||
        pkg.devDependencies?.['omnix-deploy'] !== undefined),
  );
  const test = own?.scripts?.test;
  return {
    installRoot,
    nodeVersionFile: versionFile ? relative(repoRoot, versionFile).split(sep).join('/') : undefined,
    testScript: typeof test === 'string' && test.trim() !== '' && test.trim() !== NO_TEST,
    hasOmnix,
    hasPackageJson: own !== undefined,
  };
}

/** `dir` relative to the repository root with `/` separators; '.' for the root itself. */
export function repoPath(repoRoot: string, dir: string): string {
  const path = relative(repoRoot, dir);
  return path === '' ? '.' : path.split(sep).join('/');
}
