import { type ConfigPath, getAt, isPlainObject } from './paths.js';
import type { JsonSchema } from './schema.js';

type SchemaNode = Record<string, unknown>;

function variants(node: SchemaNode, data: unknown): SchemaNode[] {
  const options = (node.oneOf ?? node.anyOf) as SchemaNode[] | undefined;
  if (!options) return [node];
  const expanded = options.flatMap((option) => variants(option, data));
  if (!isPlainObject(data)) return expanded;
  // Pick the variant of a discriminated union whose literal tag matches the data.
  const matching = expanded.filter((option) => {
    const properties = option.properties as Record<string, SchemaNode> | undefined;
    if (!properties) return false;
    return Object.entries(properties).every(
      ([key, property]) =>
        property.const === undefined || data[key] === undefined || data[key] === property.const,
    );
  });
  return matching.length > 0 ? matching : expanded;
}

/** The schema nodes that may describe the value at `path` (several when a union is not yet decided). */
export function schemaNodesAt(root: JsonSchema, path: ConfigPath, data?: unknown): SchemaNode[] {
  let nodes = variants(root, data);
  for (let index = 0; index < path.length; index++) {
    const segment = path[index]!;
    const parentData = getAt(data, path.slice(0, index));
    const childData = getAt(data, path.slice(0, index + 1));
    const next: SchemaNode[] = [];
    for (const node of variants({ oneOf: nodes }, parentData)) {
      if (typeof segment === 'number') {
        if (isPlainObject(node.items)) next.push(node.items);
        continue;
      }
      const properties = node.properties as Record<string, SchemaNode> | undefined;
      if (properties && Object.hasOwn(properties, segment)) next.push(properties[segment]!);
      else if (isPlainObject(node.additionalProperties)) next.push(node.additionalProperties);
    }
    nodes = next.flatMap((node) => variants(node, childData));
    if (nodes.length === 0) return [];
  }
  return nodes;
}

/** The keys a map at `path` may have (fixed keys only; records accept any key). */
export function knownKeys(nodes: SchemaNode[]): string[] {
  return [...new Set(nodes.flatMap((node) => Object.keys((node.properties as object | undefined) ?? {})))];
}

export function acceptsAnyKey(nodes: SchemaNode[]): boolean {
  return nodes.some((node) => isPlainObject(node.additionalProperties) || node.additionalProperties === true);
}

function typesOf(node: SchemaNode): string[] {
  if (node.const !== undefined) return [typeof node.const === 'string' ? 'string' : typeof node.const];
  if (Array.isArray(node.type)) return node.type as string[];
  if (typeof node.type === 'string') return [node.type];
  return [];
}

/** The JSON types the value at these nodes may have. An empty list means "anything". */
export function acceptedTypes(nodes: SchemaNode[]): Set<string> {
  return new Set(nodes.flatMap(typesOf));
}

/** "string", "integer", "one of: rest, http", … for messages. */
export function describeExpected(nodes: SchemaNode[]): string {
  const literals = nodes.flatMap((node) => {
    if (node.const !== undefined) return [node.const];
    if (Array.isArray(node.enum)) return node.enum as unknown[];
    return [];
  });
  if (nodes.length > 0 && nodes.every((node) => node.const !== undefined || Array.isArray(node.enum))) {
    return `one of: ${literals.map((literal) => String(literal)).join(', ')}`;
  }
  const types = [...acceptedTypes(nodes)].map((type) =>
    type === 'object' ? 'mapping' : type === 'array' ? 'list' : type,
  );
  return types.length > 0 ? types.join(' or ') : 'a value';
}

/** True when the schema marks the value at `path`, or anything above it, as secret. */
export function isSecretPath(root: JsonSchema, path: ConfigPath, data?: unknown): boolean {
  for (let length = 1; length <= path.length; length++) {
    if (schemaNodesAt(root, path.slice(0, length), data).some((node) => node.secret === true)) return true;
  }
  return false;
}

/** The schema default of the value at `path`, looking into the defaults of enclosing maps too. */
export function defaultAt(root: JsonSchema, path: ConfigPath): unknown {
  for (let length = path.length; length >= 1; length--) {
    const nodes = schemaNodesAt(root, path.slice(0, length));
    const withDefault = nodes.find((node) => node.default !== undefined);
    if (withDefault) return getAt(withDefault.default, path.slice(length));
  }
  return undefined;
}
