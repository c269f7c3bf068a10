import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { ConfigIssue } from '../core/errors.js';
import { formatPath, isPlainObject, type PathSegment } from './paths.js';

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

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
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

  const walk = (node: Node | null | undefined, path: PathSegment[]): void => {
    if (!node) return;
    if (node.range) valuePositions.set(formatPath(path), at(node.range[0]));
    if (isAlias(node)) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyNode = pair.key as Node | null;
        const childPath = [...path, key];
        if (keyNode?.range) keyPositions.set(formatPath(childPath), at(keyNode.range[0]));
        const valueNode = pair.value as Node | null;
        if (valueNode) walk(valueNode, childPath);
        else if (keyNode?.range) valuePositions.set(formatPath(childPath), at(keyNode.range[1]));
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        walk(item as Node, [...path, index]);
      });
    }
  };
  walk(doc.contents as Node | null, []);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
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
