import { type ConfigIssue, formatLocation } from '../../core/errors.js';
import type { Style } from '../style.js';

/** One issue as two lines at most: location, path and message; then the hint. */
export function renderIssue(issue: ConfigIssue, style: Style, severity: 'error' | 'warning'): string {
  const mark = severity === 'error' ? style.red('✖') : style.yellow('⚠');
  const path = issue.path ? ` ${style.bold(issue.path)}:` : '';
  const lines = [`${mark} ${style.cyan(formatLocation(issue))}${path} ${issue.message}`];
  if (issue.hint) lines.push(`    ${style.dim(`hint: ${issue.hint}`)}`);
  return lines.join('\n');
}

export function issueToJson(issue: ConfigIssue): Record<string, unknown> {
  return {
    file: issue.source,
    ...(issue.line !== undefined ? { line: issue.line, column: issue.column ?? 1 } : {}),
    path: issue.path,
    message: issue.message,
    ...(issue.expected !== undefined ? { expected: issue.expected } : {}),
    ...(issue.found !== undefined ? { found: issue.found } : {}),
    ...(issue.hint !== undefined ? { hint: issue.hint } : {}),
  };
}
