/** How an invocation ended, for the lines Lambda writes after it. */
export type InvocationEnd =
  | { kind: 'returned' }
  | { kind: 'timeout' }
  | { kind: 'exited'; errorType: string; errorMessage: string };

export interface InvocationFigures {
  requestId: string;
  durationMs: number;
  /** Set on the first invocation of an execution environment (a cold start). */
  initDurationMs?: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
}

export const startLine = (requestId: string, version: string) =>
  `START RequestId: ${requestId} Version: ${version}\n`;

/**
 * What Lambda writes after an invocation: for a timeout `<time> <id> Task timed out after N.NN seconds`,
 * for a runtime that died `RequestId: <id> Error: <message>` and its error type; then `END RequestId`
 * and the REPORT line (tab-separated, `Init Duration` on a cold start). The billed duration is rounded
 * up to the millisecond and includes the init phase, as Lambda bills since August 2025.
 */
export function closingLines(figures: InvocationFigures, end: InvocationEnd, now = new Date()): string[] {
  const { requestId, durationMs, initDurationMs, memorySizeMb, maxMemoryUsedMb } = figures;
  const lines: string[] = [];
  if (end.kind === 'timeout')
    lines.push(
      `${now.toISOString()} ${requestId} Task timed out after ${(durationMs / 1000).toFixed(2)} seconds\n\n`,
    );
  if (end.kind === 'exited')
    lines.push(`RequestId: ${requestId} Error: ${end.errorMessage}\n${end.errorType}\n`);
  lines.push(`END RequestId: ${requestId}\n`);
  const billed = Math.ceil(durationMs + (initDurationMs ?? 0));
  const status =
    end.kind === 'timeout'
      ? 'Status: timeout\t'
      : end.kind === 'exited'
        ? `Status: error\tError Type: ${end.errorType}\t`
        : '';
  lines.push(
    `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\t` +
      `Memory Size: ${memorySizeMb} MB\tMax Memory Used: ${maxMemoryUsedMb} MB\t` +
      `${initDurationMs !== undefined ? `Init Duration: ${initDurationMs.toFixed(2)} ms\t` : ''}${status}\n`,
  );
  return lines;
}
