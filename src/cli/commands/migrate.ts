import { type ArchivePlan, applyArchive, planArchive } from '../../actions/migrate/archive.js';
import { migrateScan } from '../../actions/migrate/write-draft.js';
import { AbortedError, ExitCode, UsageError } from '../../core/errors.js';
import { escapeControl } from '../../core/text.js';
import type { CommandContext } from '../io.js';
import { plural } from '../render/error.js';
import { issueToJson, renderIssue } from '../render/issues.js';
import { createStyle } from '../style.js';

/** Variadic `<paths...>` arrive as one array among the arguments. */
function pathsOf(args: unknown[]): string[] {
  const paths = args.flat().filter((arg): arg is string => typeof arg === 'string');
  if (paths.length === 0)
    throw new UsageError('NoPaths', 'give the scripts or folders to read', {
      hint: 'omnix migrate scan scripts/ Makefile .github/',
    });
  return paths;
}

/** Outside text made safe to print; a tab (Makefile recipes) stays a tab. */
const safe = (text: string) => escapeControl(text).replace(/\\u0009/g, '\t');

/** `omnix migrate scan <paths...>`: find hard-coded values, write the draft config and MIGRATION.md. */
export async function migrateScanCommand(
  context: CommandContext,
  args: unknown[],
  options: { out?: string },
): Promise<number> {
  const outcome = await migrateScan({
    paths: pathsOf(args),
    cwd: context.io.cwd,
    configDir: context.configDir,
    ...(options.out ? { out: options.out } : {}),
  });
  const { scan } = outcome;
  const valid = outcome.validation.every((result) => result.ok);
  if (context.json) {
    context.printJson({
      project: scan.project,
      environments: scan.environments,
      files: scan.files.map((file) => ({
        path: file.path,
        kind: file.kind,
        steps: file.steps,
        replacement: file.replacement,
        findings: file.findings.length,
      })),
      findings: scan.findings,
      conflicts: scan.conflicts,
      ignored: scan.ignored,
      skipped: scan.skipped,
      written: outcome.written,
      validation: outcome.validation.map((result) => ({
        ...result,
        errors: result.errors.map(issueToJson),
        warnings: result.warnings.map(issueToJson),
      })),
    });
    return valid ? ExitCode.Ok : ExitCode.Usage;
  }
  const style = createStyle(context.color);
  context.print(
    `Read ${plural(scan.files.length, 'file')}: ${plural(scan.findings.length, 'hard-coded value')}, environments ${scan.environments.join(', ') || 'none named'}.`,
  );
  for (const file of scan.files) {
    const replaced =
      file.replacement.role === 'configuration'
        ? 'config/'
        : file.replacement.commands.join(', ') || 'nothing in omnix';
    context.print(`  ${safe(file.path)}: ${plural(file.findings.length, 'value')} → ${safe(replaced)}`);
  }
  if (scan.conflicts.length > 0) {
    context.print(
      style.yellow(`\n${plural(scan.conflicts.length, 'conflict')} (marked # CONFLICT in the draft):`),
    );
    for (const conflict of scan.conflicts) {
      const values = conflict.values.map(
        (entry) =>
          `${safe(entry.value)} (${entry.locations
            .slice(0, 3)
            .map((l) => `${safe(l.file)}:${l.line}`)
            .join(', ')}${entry.locations.length > 3 ? ', …' : ''})`,
      );
      context.print(
        `  ${conflict.kind} in ${conflict.environment ?? 'every environment'}: ${values.join(' vs ')}`,
      );
    }
  }
  context.print(`\nWrote ${outcome.written.map(safe).join(', ')}.`);
  for (const result of outcome.validation) {
    if (result.ok)
      context.print(
        `${style.green('✔')} ${result.environment}: valid${result.warnings.length > 0 ? ` (${plural(result.warnings.length, 'placeholder or warning')} to resolve)` : ''}`,
      );
    else {
      context.warn(`${style.red('✖')} ${result.environment}: ${plural(result.errors.length, 'error')}`);
      for (const issue of result.errors)
        context.warn(`  ${renderIssue(issue, style, 'error').replace(/\n/g, '\n  ')}`);
    }
  }
  return valid ? ExitCode.Ok : ExitCode.Usage;
}

function renderPlan(context: CommandContext, plan: ArchivePlan): void {
  const style = createStyle(context.color);
  for (const move of plan.moves) context.print(`rename ${safe(move.from)} → ${safe(move.to)}`);
  for (const edit of plan.edits) {
    context.print(style.bold(`--- a/${safe(edit.file)}\n+++ b/${safe(edit.file)}`));
    for (const change of edit.changes) {
      context.print(`@@ line ${change.line} @@`);
      context.print(style.red(`-${safe(change.before)}`));
      context.print(style.green(`+${safe(change.after)}`));
    }
  }
  context.print(
    `write ${safe(plan.index.path)} (${plural(plan.moves.length, 'script')} → replacement → date)`,
  );
  for (const reference of plan.manual)
    context.warn(
      style.yellow(
        `to fix by hand: ${safe(reference.file)}:${reference.line} calls ${safe(reference.script)} without naming one environment`,
      ),
    );
}

/** `omnix migrate archive <paths...>`: move scripts to legacy/, index them, rewrite their callers; once confirmed. */
export async function migrateArchiveCommand(
  context: CommandContext,
  args: unknown[],
  options: { to?: string },
): Promise<number> {
  const plan = await planArchive({
    paths: pathsOf(args),
    cwd: context.io.cwd,
    ...(options.to ? { to: options.to } : {}),
  });
  const summary = {
    moves: plan.moves,
    edits: plan.edits.map((edit) => ({ file: edit.file, changes: edit.changes })),
    manual: plan.manual,
    index: plan.index.path,
  };
  if (!context.json) renderPlan(context, plan);
  if (!context.yes) {
    if (!context.interactive) {
      if (context.json) context.printJson({ applied: false, ...summary });
      throw new UsageError(
        'ConfirmationRequired',
        `refusing to move ${plural(plan.moves.length, 'file')} without --yes`,
        {
          hint: 'Review the changes above, then run the same command with --yes.',
        },
      );
    }
    const answer = await context.io.ask({
      message: `Move ${plural(plan.moves.length, 'file')} and apply these changes? (yes/no)`,
      default: 'no',
      validate: (text) => /^(y|yes|n|no)$/i.test(text.trim()) || 'answer yes or no',
    });
    if (!/^y/i.test(answer.trim())) throw new AbortedError('nothing was moved: not confirmed');
  }
  await applyArchive(plan);
  if (context.json) context.printJson({ applied: true, ...summary });
  else
    context.print(
      `Archived ${plural(plan.moves.length, 'file')} to ${safe(plan.index.path.replace(/\/README\.md$/, ''))}; nothing was deleted.`,
    );
  return ExitCode.Ok;
}
