import { basename } from 'node:path';
import { type Conflict, findConflicts } from './conflicts.js';
import { extractFile } from './extract.js';
import { serviceName } from './extract-config-yaml.js';
import { packageName } from './extract-package-json.js';
import { findingsOf } from './findings.js';
import { type Replacement, replacementFor } from './replacement.js';
import { sdkStepsOf } from './sdk-steps.js';
import { type Step, stepsOf } from './steps.js';
import type { FileKind, Finding, Ignored } from './types.js';
import { collectFiles, type Skipped } from './walk.js';

export interface ScanOptions {
  /** Files or folders, relative to `cwd`. */
  paths: readonly string[];
  /** @default process.cwd() */
  cwd?: string;
}

/** One legacy file: what it holds, what it does, and what replaces it. */
export interface ScannedScript {
  path: string;
  kind: FileKind;
  findings: Finding[];
  steps: Step[];
  replacement: Replacement;
}

export interface ScanResult {
  files: ScannedScript[];
  findings: Finding[];
  ignored: Ignored[];
  skipped: Skipped[];
  conflicts: Conflict[];
  /** Every environment a value was found for, sorted. */
  environments: string[];
  /** A name for the project: package.json's or serverless.yml's, else the folder's. */
  project: string;
}

const SDK_KINDS: ReadonlySet<FileKind> = new Set(['javascript', 'python', 'jenkinsfile']);

/**
 * Reads legacy deployment scripts and finds their hard-coded deployment values, the environment
 * each belongs to, the conflicts between them, and what each script does. Reads only: never
 * executes a file, never follows a link.
 */
export async function scanScripts(options: ScanOptions): Promise<ScanResult> {
  const cwd = options.cwd ?? process.cwd();
  const { files, skipped } = await collectFiles(options.paths, cwd);
  const scanned: ScannedScript[] = [];
  const ignored: Ignored[] = [];
  const names: string[] = [];
  for (const file of files) {
    const extracted = extractFile(file.kind, file.text, file.within);
    const found = findingsOf(file.path, extracted);
    ignored.push(...found.ignored);
    const steps = [
      ...stepsOf(extracted.facts),
      ...(SDK_KINDS.has(file.kind) ? sdkStepsOf(file.text) : []),
    ].sort((a, b) => a.line - b.line);
    scanned.push({
      path: file.path,
      kind: file.kind,
      findings: found.findings,
      steps,
      replacement: { commands: [], role: 'other', notCovered: [] },
    });
    const name =
      file.kind === 'package-json'
        ? packageName(file.text)
        : file.kind === 'serverless'
          ? serviceName(file.text)
          : undefined;
    // The shallowest package.json names the project; a serverless service names one part of it.
    if (name)
      names.push(
        `${file.kind === 'package-json' ? 0 : 1}${String(file.path.split('/').length).padStart(3, '0')}${name}`,
      );
  }
  const findings = scanned.flatMap((file) => file.findings);
  adoptEnvironments(findings);
  for (const file of scanned)
    file.replacement = replacementFor(file.path, file.kind, file.steps, file.findings);
  return {
    files: scanned,
    findings,
    ignored,
    skipped,
    conflicts: findConflicts(findings),
    environments: [
      ...new Set(findings.flatMap((finding) => (finding.environment ? [finding.environment.name] : []))),
    ].sort(),
    project: projectName(names.sort()[0]?.slice(4) ?? basename(cwd)),
  };
}

/** A valid project name (lowercase letters, digits, hyphens) from a package or folder name. */
export function projectName(raw: string): string {
  const name = raw
    .replace(/^@[^/]*\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return /^[a-z0-9]/.test(name) ? name : 'my-project';
}

/**
 * A value whose file does not say its environment takes the one environment the same value has
 * elsewhere (a distribution id in an `else` branch that other scripts name staging's), unless it is
 * as often written with no environment as with that one: then it is shared.
 */
function adoptEnvironments(findings: Finding[]): void {
  const known = new Map<string, { envs: Map<string, Finding>; count: number; unnamed: number }>();
  for (const finding of findings) {
    const key = `${finding.kind}|${finding.value}`;
    const entry = known.get(key) ?? { envs: new Map<string, Finding>(), count: 0, unnamed: 0 };
    known.set(key, entry);
    if (!finding.environment) entry.unnamed++;
    else {
      entry.count++;
      if (!entry.envs.has(finding.environment.name)) entry.envs.set(finding.environment.name, finding);
    }
  }
  for (const finding of findings) {
    if (finding.environment) continue;
    const entry = known.get(`${finding.kind}|${finding.value}`);
    if (entry?.envs.size !== 1 || entry.count < entry.unnamed) continue;
    const [[name, source]] = [...entry.envs.entries()] as [[string, Finding]];
    const twin = findings.some(
      (other) =>
        other.file === finding.file &&
        other.kind === finding.kind &&
        other.value === finding.value &&
        other.environment?.name === name,
    );
    if (twin) continue;
    finding.environment = { name, reason: `same value as ${name}'s in ${source.file}:${source.line}` };
  }
}
