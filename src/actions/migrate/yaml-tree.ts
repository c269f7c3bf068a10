import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type Scalar } from 'yaml';

/** A parsed YAML file and a way to place its nodes on lines; undefined when it does not parse. */
export interface YamlTree {
  root: Node | null;
  lineOf(node: Node): number;
  /** First line of a scalar's text (the line after the `|` of a block scalar). */
  textLineOf(node: Scalar): number;
}

export function parseYamlTree(source: string): YamlTree | undefined {
  const counter = new LineCounter();
  const document = parseDocument(source, { lineCounter: counter, uniqueKeys: false });
  if (document.errors.length > 0) return undefined;
  const lineOf = (node: Node) => (node.range ? counter.linePos(node.range[0]).line : 1);
  return {
    root: document.contents,
    lineOf,
    textLineOf: (node) =>
      lineOf(node) + (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? 1 : 0),
  };
}

/** A scalar's value as text, or undefined for maps, lists and null. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return typeof node.value === 'object' ? undefined : String(node.value);
}

export { isMap, isScalar, isSeq };
