/** What a failure looked like: enough to recognise it, with names and secrets already left out. */
export interface FailureEvidence {
  /** The omnix error code, or the SDK error's name. */
  code: string;
  /** The AWS error name, when AWS answered with one. */
  awsError?: string;
  /** The HTTP status AWS answered with. */
  httpStatus?: number;
  message: string;
  /** The types of the health checks that failed, with what they said. */
  failedChecks?: Array<{ type: string; message: string }>;
}

/** How an entry is recognised: every criterion given must hold; each lists alternatives. */
export interface Recognition {
  /** Any of these omnix error codes or AWS error names. */
  errors?: readonly string[];
  /** Or an HTTP status in this range (with `errors`: either one recognises it). */
  httpStatus?: { from: number; to: number };
  /** Any of these patterns in the message or in what a failed health check said. */
  messages?: readonly RegExp[];
  /** A failed health check of any of these types. */
  checks?: readonly string[];
}

/** What the agent can do next about it, by itself or on `omnix agent fix`. */
export type NextAction = 'retry' | 'recover' | 'rollback' | 'break-lock' | 'fix-and-redeploy';

/** One failure seen in real AWS use: how to recognise it, what it means, and what to do. */
export interface KnownFailure {
  /** Stable, kebab-case: recorded in memory and in `DeploymentRecord.recoveries[].failure`. */
  id: string;
  title: string;
  recognisedBy: Recognition;
  explanation: string;
  remedy: string;
  /** What omnix does by itself when it meets it, where that is safe. */
  automaticRecovery?: string;
  /**
   * True when the change itself can cause it (its code, site or configuration): only such failures make
   * the same change suspect in another environment. Throttling or a held lock say nothing about the change.
   */
  blamesChange: boolean;
  next: NextAction;
}
