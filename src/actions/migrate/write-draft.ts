import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { loadConfig } from '../../config/load.js';
import type { ConfigIssue } from '../../core/errors.js';
import { UsageError } from '../../core/errors.js';
import { draftConfig } from './draft-config.js';
import { migrationReport } from './report.js';
import { type ScanResult, scanScripts } from './scan.js';

/** Every file the scan writes says so on its first lines; only such a file is ever replaced. */
const MARK = 'written by omnix migrate scan';

export interface MigrateScanOptions {
  /** Scripts and folders to read, relative to `cwd`. */
  paths: readonly string[];
  /** @default process.cwd() */
  cwd?: string;
  /** Where the draft `config/` goes (the project root of the draft). @default cwd */
  configDir?: string;
  /** Where MIGRATION.md goes. @default `MIGRATION.md` in cwd */
  out?: string;
  /** The date written into the files. @default today */
  now?: Date;
}

export interface DraftValidation {
  environment: string;
  ok: boolean;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

export interface MigrateScanOutcome {
  scan: ScanResult;
  /** Files written, relative to cwd. */
  written: string[];
  /** The draft as `omnix config validate --all` sees it. */
  validation: DraftValidation[];
}

/** Refuses to replace a file that a person wrote: only an earlier draft or report may be replaced. */
async function assertReplaceable(path: string, shown: string): Promise<void> {
  const existing = await readFile(path, 'utf8').catch(() => undefined);
  if (existing === undefined || existing.slice(0, 400).includes(MARK)) return;
  throw new UsageError(
    'WouldOverwrite',
    `${shown} already exists and was not written by omnix migrate scan`,
    {
      hint: 'Write the draft elsewhere with --config-dir draft/ (and the report with --out), or move the file away.',
    },
  );
}

/**
 * Scans legacy scripts, writes a draft configuration and MIGRATION.md, and validates the draft with
 * the same loader as `omnix config validate --all`.
 */
export async function migrateScan(options: MigrateScanOptions): Promise<MigrateScanOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const root = resolve(cwd, options.configDir ?? '.');
  const out = resolve(cwd, options.out ?? 'MIGRATION.md');
  const date = (options.now ?? new Date()).toISOString().slice(0, 10);
  const scan = await scanScripts({ paths: options.paths, cwd });
  if (scan.files.length === 0)
    throw new UsageError('NothingToScan', `no deployment scripts under ${options.paths.join(', ')}`, {
      hint: 'The scan reads shell, Makefiles, JavaScript/TypeScript, Python, package.json, CI files (GitHub Actions, GitLab, CircleCI, Bitbucket, Jenkinsfile), serverless.yml, samconfig and .env files.',
    });
  const draft = draftConfig(scan, date);
  const targets = Object.entries(draft).map(([path, content]) => ({ path: join(root, path), content }));
  targets.push({
    path: out,
    content: migrationReport(
      scan,
      Object.keys(draft).map((path) => relative(cwd, join(root, path)) || path),
      date,
    ),
  });
  for (const target of targets)
    await assertReplaceable(target.path, relative(cwd, target.path) || target.path);
  for (const target of targets) {
    await mkdir(dirname(target.path), { recursive: true });
    await writeFile(target.path, target.content);
  }
  const validation: DraftValidation[] = [];
  for (const environment of Object.keys(draft).flatMap(
    (path) => /^config\/environments\/(.+)\.yaml$/.exec(path)?.[1] ?? [],
  )) {
    const result = await loadConfig({ environment, configDir: root, cwd, env: {} });
    validation.push({
      environment,
      ok: result.ok,
      errors: result.ok ? [] : result.errors,
      warnings: result.warnings,
    });
  }
  return { scan, written: targets.map((target) => relative(cwd, target.path)), validation };
}
