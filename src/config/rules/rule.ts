import { formatPath, type PathSegment } from '../paths.js';
import type { OmnixConfig } from '../schema.js';

export interface RuleContext {
  config: OmnixConfig;
  environment: string;
  /** True when a file or an override wrote the value at `path` (not only a default). */
  written(path: PathSegment[]): boolean;
  /** formatPath of values from a secret source: never shown in a message. */
  secretPaths?: ReadonlySet<string>;
  /** The project root: configured paths are relative to it. */
  projectRoot: string;
  /** Every environment that has a file. */
  environments: readonly string[];
  /** formatPath of values that still hold references resolved at deploy time: skip format checks there. */
  pending: ReadonlySet<string>;
}

export interface RuleFinding {
  severity: 'error' | 'warning';
  path: PathSegment[];
  message: string;
  hint?: string;
}

/** A named check across fields. Adding one means writing it and listing it in RULES. */
export type Rule = (context: RuleContext) => RuleFinding[];

export const error = (path: PathSegment[], message: string, hint?: string): RuleFinding => ({
  severity: 'error',
  path,
  message,
  ...(hint ? { hint } : {}),
});
export const warning = (path: PathSegment[], message: string, hint?: string): RuleFinding => ({
  severity: 'warning',
  path,
  message,
  ...(hint ? { hint } : {}),
});
export const checkable = (context: RuleContext, path: PathSegment[]) =>
  !context.pending.has(formatPath(path));
