import type { ConfigIssue } from '../core/errors.js';
import { type ConfigPath, formatPath, hasPath, type PathSegment, startsWith } from './paths.js';
import type { YamlSource } from './yaml-source.js';

/** Where a configuration value came from. */
export type Origin =
  | { kind: 'file'; file: string; line?: number; column?: number }
  | { kind: 'env'; variable: string }
  | { kind: 'default' };

/** An `OMNIX__A__B=value` override, already mapped onto a config path. */
export interface Override {
  variable: string;
  path: PathSegment[];
  value: unknown;
}

export function formatOrigin(origin: Origin): string {
  switch (origin.kind) {
    case 'file':
      return origin.line === undefined ? origin.file : `${origin.file}:${origin.line}:${origin.column ?? 1}`;
    case 'env':
      return `env ${origin.variable}`;
    case 'default':
      return 'default';
  }
}

/**
 * Answers "where did this value come from?" for a merged configuration: the last layer that has
 * the path wins, as in the merge itself (overrides over the environment file over the master file).
 */
export class Provenance {
  constructor(
    private readonly files: readonly YamlSource[],
    private readonly overrides: readonly Override[],
  ) {}

  /** The origin of the value at `path`; `default` when no layer wrote it. */
  originOf(path: ConfigPath): Origin {
    const override = this.overrideCovering(path);
    if (override) return { kind: 'env', variable: override.variable };
    for (const file of [...this.files].reverse()) {
      if (!hasPath(file.value, path)) continue;
      const position = file.valuePositions.get(formatPath(path));
      return { kind: 'file', file: file.file, ...position };
    }
    return { kind: 'default' };
  }

  /** Where the key holding `path` was written: the spot to point at for an unknown key. */
  keyOriginOf(path: ConfigPath): Origin {
    const origin = this.originOf(path);
    if (origin.kind !== 'file') return origin;
    const file = this.files.find((candidate) => candidate.file === origin.file);
    const position = file?.keyPositions.get(formatPath(path));
    return position ? { ...origin, ...position } : origin;
  }

  /**
   * The location of an issue at `path`: the value itself when some layer wrote it, otherwise the
   * nearest enclosing map that was written (a required key missing from it). The root of the
   * configuration is the master file.
   */
  locate(path: ConfigPath, { atKey = false } = {}): Pick<ConfigIssue, 'source' | 'line' | 'column'> {
    for (let length = path.length; length >= 1; length--) {
      const prefix = path.slice(0, length);
      const origin = atKey && length === path.length ? this.keyOriginOf(prefix) : this.originOf(prefix);
      if (origin.kind === 'file') return { source: origin.file, line: origin.line, column: origin.column };
      if (origin.kind === 'env') return { source: `environment variable ${origin.variable}` };
    }
    const master = this.files[0];
    return master ? { source: master.file, line: 1, column: 1 } : { source: 'configuration' };
  }

  private overrideCovering(path: ConfigPath): Override | undefined {
    let found: Override | undefined;
    for (const override of this.overrides) {
      if (startsWith(path, override.path) && (!found || override.path.length >= found.path.length))
        found = override;
    }
    return found;
  }
}
