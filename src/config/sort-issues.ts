import type { ConfigIssue } from '../core/errors.js';

/**
 * Issues in reading order: by file (config/deployment-config.yaml before config/environments/…), then by
 * line and column; an issue without a line leads its file.
 */
export function sortIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...issues].sort(
    (a, b) =>
      byText(a.source, b.source) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
