import { escapeControl } from '../../core/text.js';

/** A value in a draft file with the comments written above it. */
export interface DraftLeaf {
  value: string | boolean;
  comments: string[];
}

export interface DraftTree {
  [key: string]: DraftTree | DraftLeaf;
}

function isLeaf(node: DraftTree | DraftLeaf): node is DraftLeaf {
  return 'comments' in node && 'value' in node && Array.isArray(node.comments);
}

/** Sets a leaf, creating maps on the way. */
export function put(tree: DraftTree, path: readonly string[], leaf: DraftLeaf): void {
  let node = tree;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (!next || isLeaf(next)) node[segment] = {};
    node = node[segment] as DraftTree;
  }
  node[path.at(-1)!] = leaf;
}

export function has(tree: DraftTree, path: readonly string[]): boolean {
  let node: DraftTree | DraftLeaf | undefined = tree;
  for (const segment of path) {
    if (!node || isLeaf(node)) return false;
    node = node[segment];
  }
  return node !== undefined;
}

/** A comment line safe to write: one line, control characters escaped. */
export function commentLine(text: string): string {
  return `# ${escapeControl(text).slice(0, 400)}`;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Renders a draft tree as YAML, each leaf preceded by its comments. */
export function renderYaml(tree: DraftTree, indent = ''): string {
  let out = '';
  for (const [key, node] of Object.entries(tree)) {
    const name = PLAIN_KEY.test(key) ? key : JSON.stringify(key);
    if (isLeaf(node)) {
      for (const comment of node.comments) out += `${indent}${commentLine(comment)}\n`;
      out += `${indent}${name}: ${JSON.stringify(node.value)}\n`;
    } else {
      out += `${indent}${name}:\n${renderYaml(node, `${indent}  `)}`;
    }
  }
  return out;
}
