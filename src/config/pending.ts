import type { z } from 'zod';
import { getAt, hasPath, type PathSegment, setAt, startsWith } from './paths.js';
import { configSchema, type JsonSchema, type OmnixConfig } from './schema.js';
import { schemaNodesAt } from './schema-nav.js';

type ParseResult = { success: true; data: OmnixConfig } | { success: false; error: z.ZodError };

/**
 * Validates a tree in which some values still hold references resolved at deploy time
 * (`memoryMb: ${ssm:/shop/memory}`). Such a value cannot be type-checked yet, so it is checked
 * with a stand-in that fits the schema, and the reference text is put back afterwards. Everything
 * else is validated as usual; the resolved value is validated when the deploy-time pass runs.
 */
export function parseWithPending(
  tree: Record<string, unknown>,
  pending: ReadonlyMap<string, PathSegment[]>,
  schema: JsonSchema,
): ParseResult {
  const first = configSchema.safeParse(tree);
  if (first.success || pending.size === 0) return first as ParseResult;
  const pendingPaths = [...pending.values()];
  const blocked = first.error.issues
    .map((issue) => issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment))))
    .map((path) => pendingPaths.find((candidate) => startsWith(path, candidate)))
    .filter((path): path is PathSegment[] => path !== undefined);
  if (blocked.length === 0) return first as ParseResult;

  const standIn = structuredClone(tree);
  for (const path of blocked) {
    const value = standInFor(schemaNodesAt(schema, path, standIn));
    if (value !== undefined) setAt(standIn, path, value);
  }
  const second = configSchema.safeParse(standIn);
  if (!second.success) return { success: false, error: first.error };
  for (const path of blocked) {
    if (hasPath(tree, path))
      setAt(second.data as unknown as Record<string, unknown>, path, getAt(tree, path));
  }
  return second as ParseResult;
}

function standInFor(nodes: Array<Record<string, unknown>>): unknown {
  for (const node of nodes) {
    if (node.default !== undefined) return node.default;
    if (Array.isArray(node.enum)) return node.enum[0];
    if (node.const !== undefined) return node.const;
    switch (node.type) {
      case 'integer':
      case 'number': {
        const minimum =
          (node.minimum as number | undefined) ?? ((node.exclusiveMinimum as number | undefined) ?? -1) + 1;
        return Math.min(
          Math.max(minimum, 0),
          (node.maximum as number | undefined) ?? Number.MAX_SAFE_INTEGER,
        );
      }
      case 'boolean':
        return false;
      case 'string':
        return 'x'.repeat((node.minLength as number | undefined) ?? 0);
      case 'array':
        return [];
      case 'object':
        return {};
    }
  }
  return undefined;
}
