import { AbortedError, ConfigError, InterruptedError, type OmnixError } from '../../core/errors.js';
import type { Style } from '../style.js';
import { issueToJson, renderIssue } from './issues.js';

/** The text shown for an error: message, located issues, hint, first cause; stacks only with --debug. */
export function renderError(error: OmnixError, style: Style, debug: boolean): string {
  const lines: string[] = [];
  if (error instanceof ConfigError) {
    lines.push(`${style.red('error:')} invalid configuration (${plural(error.issues.length, 'problem')})`);
    for (const issue of error.issues) lines.push(renderIssue(issue, style, 'error'));
  } else if (error instanceof AbortedError) {
    lines.push(error.message);
    if (error.hint) lines.push(`  ${style.dim(`hint: ${error.hint}`)}`);
  } else {
    lines.push(`${style.red('error:')} ${error.message}`);
    if (error.hint) lines.push(`  ${style.dim(`hint: ${error.hint}`)}`);
  }
  const cause = error.cause;
  // A Ctrl-C's cause (the prompt library's "force closed") says nothing the message does not; nor does
  // a cause whose message the error already repeats (a step that failed for a stopped sandbox).
  if (
    cause instanceof Error &&
    !(error instanceof ConfigError) &&
    !(error instanceof InterruptedError) &&
    !error.message.includes(cause.message)
  )
    lines.push(`  ${style.dim(`cause: ${cause.message}`)}`);
  if (debug) {
    lines.push('', style.dim(error.stack ?? ''));
    if (cause instanceof Error && cause.stack) lines.push(style.dim(`caused by: ${cause.stack}`));
  }
  return lines.join('\n');
}

export function errorToJson(error: OmnixError): Record<string, unknown> {
  return {
    ok: false,
    error: {
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      exitCode: error.exitCode,
      ...(error instanceof ConfigError ? { issues: error.issues.map(issueToJson) } : {}),
    },
  };
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
