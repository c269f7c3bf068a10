/** Exit codes the CLI promises (DESIGN.md, "The deployment life cycle"). */
export const ExitCode = {
  Ok: 0,
  DeploymentFailed: 1,
  Usage: 2,
  ValidationFailed: 3,
  Locked: 4,
  /** A required approval is not there yet: a request is recorded, nothing was changed. */
  WaitingForApproval: 5,
  /** Stopped by the user (Ctrl-C): 128 + SIGINT, as shells report it. */
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface OmnixErrorOptions {
  hint?: string;
  cause?: unknown;
  exitCode?: ExitCode;
}

/**
 * The one error type the CLI knows how to render. `code` is PascalCase and stable
 * (`UnknownEnvironment`); `message` names the wrong value; `hint` says what to do.
 */
export class OmnixError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;

  constructor(code: string, message: string, options: OmnixErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.DeploymentFailed;
  }
}

/** Bad command-line usage: exit 2. */
export class UsageError extends OmnixError {
  constructor(code: string, message: string, options: Omit<OmnixErrorOptions, 'exitCode'> = {}) {
    super(code, message, { ...options, exitCode: ExitCode.Usage });
  }
}

/** Checks before any change failed: exit 3, and nothing was changed. */
export class ValidationFailedError extends OmnixError {
  constructor(code: string, message: string, options: Omit<OmnixErrorOptions, 'exitCode'> = {}) {
    super(code, message, { ...options, exitCode: ExitCode.ValidationFailed });
  }
}

/** Another deployment holds the environment's lock: exit 4. */
export class LockedError extends OmnixError {
  constructor(message: string, options: Omit<OmnixErrorOptions, 'exitCode'> = {}) {
    super('Locked', message, { ...options, exitCode: ExitCode.Locked });
  }
}

/**
 * The change needs an approval that nobody gave yet: exit 5. A pending request is recorded and nothing
 * changed; the hint names the command that approves it.
 */
export class WaitingForApprovalError extends OmnixError {
  constructor(message: string, options: Omit<OmnixErrorOptions, 'exitCode'> = {}) {
    super('WaitingForApproval', message, { ...options, exitCode: ExitCode.WaitingForApproval });
  }
}

/** A deployment failed after it started changing things: exit 1. */
export class DeploymentFailedError extends OmnixError {
  constructor(code: string, message: string, options: Omit<OmnixErrorOptions, 'exitCode'> = {}) {
    super(code, message, { ...options, exitCode: ExitCode.DeploymentFailed });
  }
}

/** The user stopped the command (Ctrl-C at a prompt or while it ran): exit 130; the message says what was left. */
export class InterruptedError extends OmnixError {
  constructor(message: string, options: Omit<OmnixErrorOptions, 'exitCode'> = {}) {
    super('Interrupted', message, { ...options, exitCode: ExitCode.Interrupted });
  }
}

/**
 * The user declined a confirmation (answered no, or typed another name): exit 1, because what was asked
 * for did not happen, and a script must not read it as success. Shown softly: the message, no "error:".
 */
export class AbortedError extends OmnixError {
  constructor(message: string, options: Omit<OmnixErrorOptions, 'exitCode'> = {}) {
    super('Aborted', message, { ...options, exitCode: ExitCode.DeploymentFailed });
  }
}

/** A located problem in the configuration. */
export interface ConfigIssue {
  /** Where the value came from: a file path relative to the project, an environment variable, or `default`. */
  source: string;
  line?: number;
  column?: number;
  /** Dotted config path (`backend.functions.api.memoryMb`), empty for the whole document. */
  path: string;
  message: string;
  expected?: string;
  found?: string;
  hint?: string;
}

/** The configuration is invalid: exit 2. Carries every issue found, not just the first. */
export class ConfigError extends OmnixError {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], options: Omit<OmnixErrorOptions, 'exitCode'> = {}) {
    const first = issues[0];
    const summary =
      issues.length === 1 && first ? formatIssue(first) : `the configuration has ${issues.length} errors`;
    super('InvalidConfig', summary, { ...options, exitCode: ExitCode.Usage });
    this.issues = issues;
  }
}

/** A bug in omnix itself: the renderer asks for an issue report. */
export class InternalError extends OmnixError {
  constructor(message: string, options: Omit<OmnixErrorOptions, 'exitCode'> = {}) {
    super('InternalError', message, {
      hint: 'This is a bug in omnix. Please report it with the output of the same command run with --debug.',
      ...options,
      exitCode: ExitCode.DeploymentFailed,
    });
  }
}

/** `file:line:column`, or as much of it as is known. */
export function formatLocation(issue: Pick<ConfigIssue, 'source' | 'line' | 'column'>): string {
  if (issue.line === undefined) return issue.source;
  return `${issue.source}:${issue.line}:${issue.column ?? 1}`;
}

export function formatIssue(issue: ConfigIssue): string {
  const where = issue.path ? ` ${issue.path}:` : '';
  return `${formatLocation(issue)}${where} ${issue.message}`;
}

/** Wraps anything thrown into an OmnixError, keeping the original as `cause`. */
export function toOmnixError(error: unknown): OmnixError {
  if (error instanceof OmnixError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new InternalError(`unexpected error: ${message}`, { cause: error });
}
