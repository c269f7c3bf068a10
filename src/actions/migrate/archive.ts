import { copyFile, lstat, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { archiveIndex } from './archive-index.js';
import {
  type LineChange,
  type ManualReference,
  type MovedScript,
  rewriteReferences,
} from './archive-references.js';
import { scanScripts } from './scan.js';

export interface ArchiveOptions {
  /** Scripts or folders to archive, relative to `cwd` and inside it. */
  paths: readonly string[];
  /** @default process.cwd() */
  cwd?: string;
  /** The archive folder. @default legacy */
  to?: string;
  /** @default today */
  now?: Date;
}

export interface ArchiveMove {
  from: string;
  to: string;
  /** The omnix commands that replace it, one per environment, joined by commas; empty when none does. */
  replacement: string;
}

export interface ArchiveEdit {
  file: string;
  changes: LineChange[];
  text: string;
}

/** Everything archiving will do: pure data, shown before anything changes. */
export interface ArchivePlan {
  cwd: string;
  moves: ArchiveMove[];
  edits: ArchiveEdit[];
  manual: ManualReference[];
  index: { path: string; text: string };
}

const posix = (path: string) => path.split(sep).join('/');
const SKIP = new Set(['node_modules', '.git']);

/** Files that call scripts: package.json scripts, Makefiles and CI definitions, with how they run omnix. */
const REFERRERS: Array<{ path: string; prefix: string; ci: boolean }> = [
  { path: 'package.json', prefix: 'omnix', ci: false },
  { path: 'Makefile', prefix: 'npx omnix', ci: false },
  { path: 'makefile', prefix: 'npx omnix', ci: false },
  { path: 'GNUmakefile', prefix: 'npx omnix', ci: false },
  { path: '.gitlab-ci.yml', prefix: 'npx omnix', ci: true },
  { path: '.circleci/config.yml', prefix: 'npx omnix', ci: true },
  { path: 'bitbucket-pipelines.yml', prefix: 'npx omnix', ci: true },
  { path: 'Jenkinsfile', prefix: 'npx omnix', ci: true },
  { path: 'buildspec.yml', prefix: 'npx omnix', ci: true },
];

async function filesUnder(root: string, cwd: string, out: string[]): Promise<void> {
  const info = await lstat(root);
  if (info.isDirectory()) {
    for (const entry of (await readdir(root)).sort())
      if (!SKIP.has(entry)) await filesUnder(join(root, entry), cwd, out);
  } else if (info.isFile() || info.isSymbolicLink()) out.push(posix(relative(cwd, root)));
}

async function referrers(cwd: string): Promise<typeof REFERRERS> {
  const workflows = await readdir(join(cwd, '.github/workflows')).catch(() => [] as string[]);
  return [
    ...REFERRERS,
    ...workflows
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => ({ path: `.github/workflows/${name}`, prefix: 'npx omnix', ci: true })),
  ];
}

/** Works out the moves, the reference rewrites and the index; changes nothing. */
export async function planArchive(options: ArchiveOptions): Promise<ArchivePlan> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const to = options.to ?? 'legacy';
  const archive = resolve(cwd, to);
  const date = (options.now ?? new Date()).toISOString().slice(0, 10);
  if (relative(cwd, archive).startsWith('..') || isAbsolute(relative(cwd, archive)))
    throw new UsageError('ArchiveOutsideProject', `the archive folder '${to}' is outside ${cwd}`, {
      hint: 'Give a folder inside the project, e.g. --to legacy.',
    });
  const files: string[] = [];
  for (const given of options.paths) {
    const path = resolve(cwd, given);
    const rel = relative(cwd, path);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
      throw new UsageError('OutsideProject', `'${given}' is not inside ${cwd}`, {
        hint: 'Archive scripts of the project you run omnix in.',
      });
    if (!(await lstat(path).catch(() => undefined)))
      throw new UsageError('PathNotFound', `'${given}' does not exist`, {
        hint: 'Give the scripts, or the folders holding them, as paths.',
      });
    if (!relative(archive, path).startsWith('..')) continue;
    await filesUnder(path, cwd, files);
  }
  const unique = [...new Set(files)];
  if (unique.length === 0)
    throw new UsageError('NothingToArchive', 'no files to archive under the given paths');
  const scan = await scanScripts({ paths: unique, cwd });
  const commands = new Map(scan.files.map((file) => [file.path, file.replacement.commands]));
  const moves: ArchiveMove[] = [];
  for (const from of unique) {
    const target = posix(join(to, from));
    if (await lstat(resolve(cwd, target)).catch(() => undefined))
      throw new UsageError('ArchiveTargetExists', `${target} already exists`, {
        hint: 'Nothing is overwritten: move it away, or archive to another folder with --to.',
      });
    moves.push({ from, to: target, replacement: (commands.get(from) ?? []).join(', ') });
  }
  const moved: MovedScript[] = unique.map((from) => ({ from, commands: commands.get(from) ?? [] }));
  const edits: ArchiveEdit[] = [];
  const manual: ManualReference[] = [];
  for (const referrer of await referrers(cwd)) {
    if (unique.includes(referrer.path)) continue;
    const text = await readFile(join(cwd, referrer.path), 'utf8').catch(() => undefined);
    if (text === undefined || text.length > 512 * 1024) continue;
    const result = rewriteReferences(referrer.path, text, moved, referrer.prefix, referrer.ci);
    manual.push(...result.manual);
    if (result.changes.length > 0)
      edits.push({ file: referrer.path, changes: result.changes, text: result.text });
  }
  const indexPath = posix(join(to, 'README.md'));
  const existing = await readFile(join(cwd, indexPath), 'utf8').catch(() => undefined);
  const rows = moves.map((move) => ({
    script: move.from,
    archivedAs: move.to,
    replacement: move.replacement,
    date,
  }));
  return { cwd, moves, edits, manual, index: { path: indexPath, text: archiveIndex(existing, rows) } };
}

/** Moves the scripts, rewrites the references and writes the index. Nothing is deleted. */
export async function applyArchive(plan: ArchivePlan): Promise<void> {
  for (const move of plan.moves) {
    const from = join(plan.cwd, move.from);
    const to = join(plan.cwd, move.to);
    await mkdir(dirname(to), { recursive: true });
    try {
      await rename(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyFile(from, to);
      await unlink(from);
    }
  }
  for (const edit of plan.edits) await writeFile(join(plan.cwd, edit.file), edit.text);
  await mkdir(dirname(join(plan.cwd, plan.index.path)), { recursive: true });
  await writeFile(join(plan.cwd, plan.index.path), plan.index.text);
}
