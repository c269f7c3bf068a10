import type { ConfigIssue } from '../../core/errors.js';
import { closest } from '../../core/suggest.js';
import { coerceText } from '../coerce.js';
import {
  type ConfigPath,
  formatPath,
  getAt,
  hasPath,
  isPlainObject,
  leaves,
  type PathSegment,
  setAt,
  startsWith,
} from '../paths.js';
import type { JsonSchema } from '../schema.js';
import { acceptedTypes, defaultAt, isSecretPath, knownKeys, schemaNodesAt } from '../schema-nav.js';
import { isSecretName } from '../secret-names.js';
import { evaluate } from './evaluate.js';
import { parseTemplate } from './parse.js';
import { type ConfigContext, ReferenceProblem } from './types.js';

export interface ReferenceResolution {
  /** The tree with config-phase references resolved; later-phase references remain as text. */
  tree: Record<string, unknown>;
  issues: ConfigIssue[];
  /** formatPath → path of every value that still holds `cfn`, `ssm` or `outputs` references. */
  pending: Map<string, PathSegment[]>;
  /** formatPath of values that came from a secret (through `${self:secrets.X}`, or `ssm`). */
  secretPaths: Set<string>;
}

export interface ResolveConfigOptions {
  environment: string;
  env: Readonly<Record<string, string | undefined>>;
  schema: JsonSchema;
  locate(path: ConfigPath): Pick<ConfigIssue, 'source' | 'line' | 'column'>;
  /** Names declared not secret although they sound like it (`notSecret` in the configuration). */
  notSecret: ReadonlySet<string>;
}

/**
 * Resolves `${env:}`, `${environment}` and `${self:}` throughout a merged configuration. Each value is
 * resolved once; a `${self:}` chain that comes back to where it started is reported as a cycle. A
 * whole-value reference keeps its type, and text from the environment is coerced to the schema type.
 */
export async function resolveConfigReferences(
  input: Record<string, unknown>,
  options: ResolveConfigOptions,
): Promise<ReferenceResolution> {
  const tree = structuredClone(input);
  /** Values already resolved, or already failed (and reported once). */
  const settled = new Set<string>();
  const stack: PathSegment[][] = [];
  const pending = new Map<string, PathSegment[]>();
  const secretPaths = new Set<string>();
  const issues: ConfigIssue[] = [];
  /** Per referring value: paths (relative to the copied target) still pending or secret inside it. */
  const inherited = new Map<string, { pending: PathSegment[][]; secret: PathSegment[][] }>();

  const resolveLeaf = async (path: PathSegment[]): Promise<void> => {
    const key = formatPath(path);
    if (settled.has(key)) return;
    const cycleStart = stack.findIndex((entry) => formatPath(entry) === key);
    if (cycleStart !== -1) {
      const chain = [...stack.slice(cycleStart), path].map(formatPath).join(' → ');
      const problem = new ReferenceProblem(
        `cyclic \${self:} reference: ${chain}`,
        'Break the cycle: one of these values must not refer back.',
      );
      problem.path = path;
      throw problem;
    }
    const raw = getAt(tree, path) as string;
    const parsed = parseTemplate(raw);
    if (!parsed.ok) {
      settled.add(key);
      const problem = new ReferenceProblem(
        `${parsed.message} (at character ${parsed.offset + 1} of '${raw}')`,
      );
      problem.path = path;
      throw problem;
    }
    stack.push(path);
    try {
      const context: ConfigContext = {
        environment: options.environment,
        env: options.env,
        lookup: (target) => lookup(target, path),
      };
      const result = await evaluate(parsed.parts, async (resolver, argument) => {
        if (resolver.phase !== 'config') return 'keep';
        const value = await resolver.resolve(argument, context);
        if (resolver.isSecret?.(argument, options.notSecret)) secretPaths.add(key);
        return value instanceof LaterPhaseText ? { raw: value.text } : { value };
      });
      let value = result.value;
      const inside = inherited.get(key);
      inherited.delete(key);
      if (inside && result.whole) {
        for (const relative of inside.pending)
          pending.set(formatPath([...path, ...relative]), [...path, ...relative]);
        for (const relative of inside.secret) secretPaths.add(formatPath([...path, ...relative]));
      }
      if (result.whole && typeof value === 'string') {
        const coerced = coerceText(value, acceptedTypes(schemaNodesAt(options.schema, path, tree)));
        if (coerced.ok) value = coerced.value;
      }
      setAt(tree, path, value);
      if (result.kept) pending.set(key, path);
      settled.add(key);
    } catch (error) {
      settled.add(key);
      if (error instanceof ReferenceProblem) error.path ??= path;
      throw error;
    } finally {
      stack.pop();
    }
  };

  const resolveSubtree = async (path: PathSegment[]): Promise<void> => {
    const value = getAt(tree, path);
    if (typeof value === 'string') return resolveLeaf(path);
    if (Array.isArray(value) || isPlainObject(value)) {
      for (const [childPath] of leaves(value, path)) {
        if (typeof getAt(tree, childPath) === 'string') await resolveLeaf(childPath);
      }
    }
  };

  const lookup = async (target: PathSegment[], from: PathSegment[]): Promise<unknown> => {
    if (!hasPath(tree, target)) {
      const fallback = defaultAt(options.schema, target);
      if (fallback !== undefined) return fallback;
      throw new ReferenceProblem(`there is no value at ${formatPath(target)}`, suggestPath(target));
    }
    await resolveSubtree(target);
    const targetKey = formatPath(target);
    if (
      isSecretPath(options.schema, target, tree) ||
      secretPaths.has(targetKey) ||
      isSecretName(target, { notSecret: options.notSecret, schema: options.schema, data: tree })
    ) {
      secretPaths.add(formatPath(from));
    }
    // The target waits for AWS (`${ssm:}`): the referring value has to wait for it too.
    if (pending.has(targetKey)) return new LaterPhaseText(getAt(tree, target) as string);
    const below = (paths: Iterable<PathSegment[]>) =>
      [...paths]
        .filter((path) => path.length > target.length && startsWith(path, target))
        .map((path) => path.slice(target.length));
    const inside = { pending: below(pending.values()), secret: [] as PathSegment[][] };
    for (const [leaf] of leaves(getAt(tree, target), target)) {
      if (secretPaths.has(formatPath(leaf)) || isSecretPath(options.schema, leaf, tree))
        inside.secret.push(leaf.slice(target.length));
    }
    if (inside.pending.length > 0 || inside.secret.length > 0) inherited.set(formatPath(from), inside);
    return structuredClone(getAt(tree, target));
  };

  const suggestPath = (target: PathSegment[]): string | undefined => {
    for (let length = target.length - 1; length >= 0; length--) {
      const parent = target.slice(0, length);
      const parentValue = getAt(tree, parent);
      if (!isPlainObject(parentValue)) continue;
      const candidates = [
        ...new Set([...Object.keys(parentValue), ...knownKeys(schemaNodesAt(options.schema, parent))]),
      ];
      const match = closest(String(target[length]), candidates);
      return match
        ? `Did you mean \${self:${[...parent, match].join('.')}}?`
        : `${formatPath(parent) || 'The top level'} has: ${candidates.join(', ')}.`;
    }
    return undefined;
  };

  for (const [path, value] of leaves(tree)) {
    if (typeof value !== 'string') continue;
    try {
      await resolveLeaf(path);
    } catch (error) {
      if (!(error instanceof ReferenceProblem)) throw error;
      const at = error.path ?? path;
      const message = error.reference ? `${error.reference}: ${error.message}` : error.message;
      if (issues.some((issue) => issue.path === formatPath(at) && issue.message === message)) continue;
      issues.push({
        ...options.locate(at),
        path: formatPath(at),
        message,
        ...(error.hint ? { hint: error.hint } : {}),
      });
    }
  }
  return { tree, issues, pending, secretPaths };
}

/** Text of a value that still holds references for a later phase, copied as template text. */
class LaterPhaseText {
  constructor(readonly text: string) {}
}
