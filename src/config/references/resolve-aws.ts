import { type ConfigIssue, OmnixError } from '../../core/errors.js';
import { coerceText } from '../coerce.js';
import { type ConfigPath, formatPath, getAt, type PathSegment, setAt } from '../paths.js';
import type { JsonSchema } from '../schema.js';
import { acceptedTypes, schemaNodesAt } from '../schema-nav.js';
import { evaluate } from './evaluate.js';
import { parseTemplate } from './parse.js';
import { type AwsReferenceReaders, ReferenceProblem } from './types.js';

export interface AwsResolution {
  tree: Record<string, unknown>;
  issues: ConfigIssue[];
  /** Values that still hold `${outputs.*}` references, for the deployment to fill in. */
  pending: Map<string, PathSegment[]>;
  /** Values that now hold a resolved secret (`ssm`). */
  secretPaths: Set<string>;
}

export interface ResolveAwsOptions {
  schema: JsonSchema;
  readers: AwsReferenceReaders;
  locate(path: ConfigPath): Pick<ConfigIssue, 'source' | 'line' | 'column'>;
}

/**
 * Resolves the `${cfn:}` and `${ssm:}` references left by the config phase, through AWS. Each
 * distinct reference is fetched once. Nothing resolved here is ever written back to a file.
 */
export async function resolveAwsReferences(
  input: Record<string, unknown>,
  pendingPaths: Iterable<PathSegment[]>,
  options: ResolveAwsOptions,
): Promise<AwsResolution> {
  const tree = structuredClone(input);
  const cache = new Map<string, Promise<string>>();
  const pending = new Map<string, PathSegment[]>();
  const secretPaths = new Set<string>();
  const issues: ConfigIssue[] = [];

  for (const path of pendingPaths) {
    const raw = getAt(tree, path);
    if (typeof raw !== 'string') continue;
    const parsed = parseTemplate(raw);
    if (!parsed.ok) continue; // the config phase already reported it
    try {
      const result = await evaluate(parsed.parts, async (resolver, argument) => {
        if (resolver.phase !== 'aws') return 'keep';
        const key = `${resolver.kind}:${argument}`;
        if (!cache.has(key)) cache.set(key, resolver.resolve(argument, options.readers));
        if (resolver.secret) secretPaths.add(formatPath(path));
        return { value: await cache.get(key)! };
      });
      let value = result.value;
      if (result.whole && typeof value === 'string') {
        const coerced = coerceText(value, acceptedTypes(schemaNodesAt(options.schema, path, tree)));
        if (coerced.ok) value = coerced.value;
      }
      setAt(tree, path, value);
      if (result.kept) pending.set(formatPath(path), path);
    } catch (error) {
      if (!(error instanceof ReferenceProblem) && !(error instanceof OmnixError)) throw error;
      const reference = error instanceof ReferenceProblem ? error.reference : undefined;
      issues.push({
        ...options.locate(path),
        path: formatPath(path),
        message: reference ? `${reference}: ${error.message}` : error.message,
        ...(error.hint ? { hint: error.hint } : {}),
      });
    }
  }
  return { tree, issues, pending, secretPaths };
}
