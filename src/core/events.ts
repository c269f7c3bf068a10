/** What the engine tells whoever runs it; the CLI renders these as lines, or as JSON with --json. */
export interface DeployEvent {
  time: string;
  /** `begin` and `end` bracket a phase; `end` carries the duration. */
  kind: 'begin' | 'end' | 'info' | 'warn' | 'progress';
  phase: string;
  message: string;
  durationMs?: number;
  data?: Record<string, unknown>;
}

export type Report = (event: DeployEvent) => void;

export function emit(
  report: Report,
  kind: DeployEvent['kind'],
  phase: string,
  message: string,
  extra: Partial<DeployEvent> = {},
): void {
  report({ time: new Date().toISOString(), kind, phase, message, ...extra });
}
