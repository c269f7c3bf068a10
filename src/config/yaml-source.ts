import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { ConfigIssue } from '../core/errors.js';
import { formatPath, isPlainObject, type PathSegment } from './paths.js';
import { flowDepth, YAML_LIMITS, type YamlLimits } from './yaml-limits.js';

export interface Position {
  line: number;
  column: number;
}

/** One parsed YAML file, with the position of every key and value. */
export interface YamlSource {
  /** Path as shown to people, relative to the project root. */
  file: string;
  value: Record<string, unknown>;
  /** formatPath(path) → position of the value. */
  valuePositions: Map<string, Position>;
  /** formatPath(path) → position of the key that holds the value. */
  keyPositions: Map<string, Position>;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

const AT_LINE = /\s+at line \d+, column \d+:?\s*$/;

/**
 * Parses one configuration file within `limits`. Loading is linear in the size of the file: duplicate
 * keys are found with a set here, because yaml's own `uniqueKeys` check compares each key with every
 * earlier one (20 000 keys took 8 s).
 */
export function parseYamlSource(file: string, text: string, limits: YamlLimits = YAML_LIMITS): YamlSource {
  const tooLarge = (message: string, line = 1, column = 1): YamlSource => ({
    file,
    value: {},
    valuePositions: new Map(),
    keyPositions: new Map(),
    errors: [
      {
        source: file,
        line,
        column,
        path: '',
        message,
        hint: 'A configuration this large is not what omnix expects: split it, or generate less.',
      },
    ],
    warnings: [],
  });
  const bytes = Buffer.byteLength(text);
  if (bytes > limits.maxBytes)
    return tooLarge(`the file has ${bytes} bytes; a configuration file may have at most ${limits.maxBytes}`);
  if (flowDepth(text) > limits.maxDepth)
    return tooLarge(`lists and mappings are nested more than ${limits.maxDepth} deep`);

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  const valuePositions = new Map<string, Position>();
  const keyPositions = new Map<string, Position>();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const yamlIssue = (error: { message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }) => {
    const position = error.linePos?.[0];
    return {
      source: file,
      ...(position ? { line: position.line, column: position.col } : {}),
      path: '',
      message: `YAML: ${error.message.split('\n')[0]!.replace(AT_LINE, '')}`,
      hint: 'Fix the YAML syntax; a YAML linter or an editor with the omnix schema shows the spot.',
    } satisfies ConfigIssue;
  };

  const result: YamlSource = {
    file,
    value: {},
    valuePositions,
    keyPositions,
    errors: doc.errors.map(yamlIssue),
    warnings: doc.warnings.map(yamlIssue),
  };
  if (result.errors.length > 0) return result;

  let nodes = 0;
  const structural = (message: string, node: Node | null | undefined): false => {
    const position = node?.range ? at(node.range[0]) : { line: 1, column: 1 };
    result.errors.push({ source: file, ...position, path: '', message });
    return false;
  };
  /** Records positions; false when a limit or a duplicate key stopped it. */
  const walk = (node: Node | null | undefined, path: PathSegment[]): boolean => {
    if (!node) return true;
    if (node.range) valuePositions.set(formatPath(path), at(node.range[0]));
    if (isAlias(node)) return true;
    if (!isMap(node) && !isSeq(node)) return true;
    if (path.length >= limits.maxDepth)
      return structural(`lists and mappings are nested more than ${limits.maxDepth} deep`, node);
    nodes += node.items.length;
    if (nodes > limits.maxNodes)
      return structural(`the file has more than ${limits.maxNodes} keys and list items`, node);
    if (isSeq(node)) return node.items.every((item, index) => walk(item as Node, [...path, index]));
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const keyNode = pair.key as Node | null;
      if (seen.has(key)) return structural(`Map keys must be unique: '${key}' appears twice`, keyNode);
      seen.add(key);
      const childPath = [...path, key];
      if (keyNode?.range) keyPositions.set(formatPath(childPath), at(keyNode.range[0]));
      const valueNode = pair.value as Node | null;
      if (valueNode) {
        if (!walk(valueNode, childPath)) return false;
      } else if (keyNode?.range) valuePositions.set(formatPath(childPath), at(keyNode.range[1]));
    }
    return true;
  };
  if (!walk(doc.contents as Node | null, [])) return result;

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliases });
  } catch (error) {
    result.errors.push({
      source: file,
      line: 1,
      column: 1,
      path: '',
      message: `YAML: ${(error as Error).message}`,
    });
    return result;
  }
  if (value === null || value === undefined) {
    result.value = {};
  } else if (isPlainObject(value)) {
    result.value = value;
  } else {
    result.errors.push({
      source: file,
      line: 1,
      column: 1,
      path: '',
      message: `expected a mapping of keys to values at the top of the file, found ${Array.isArray(value) ? 'a list' : `the ${typeof value} ${JSON.stringify(value)}`}`,
      hint: 'A configuration file starts with keys such as `project:`, `aws:` or `frontend:`.',
    });
  }
  return result;
}
