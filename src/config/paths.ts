export type PathSegment = string | number;
export type ConfigPath = readonly PathSegment[];

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `backend.functions.api.memoryMb`, `health.checks[0].url`, `secrets["db.password"]`. */
export function formatPath(path: ConfigPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Parses the `${self:...}` form: dot-separated, numeric segments index arrays. */
export function parseDottedPath(text: string): PathSegment[] {
  return text.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasPath(root: unknown, path: ConfigPath): boolean {
  let node = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(node) || segment >= node.length) return false;
      node = node[segment];
    } else {
      if (!isPlainObject(node) || !Object.hasOwn(node, segment)) return false;
      node = node[segment];
    }
  }
  return true;
}

export function getAt(root: unknown, path: ConfigPath): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isPlainObject(node) && typeof segment === 'string' && Object.hasOwn(node, segment))
      node = node[segment];
    else return undefined;
  }
  return node;
}

/** Sets a value in place, creating maps on the way. */
export function setAt(root: Record<string, unknown>, path: ConfigPath, value: unknown): void {
  let node: unknown = root;
  path.forEach((segment, index) => {
    const last = index === path.length - 1;
    const container = node as Record<string | number, unknown>;
    if (last) {
      container[segment] = value;
      return;
    }
    const next = container[segment];
    if (next === null || typeof next !== 'object') container[segment] = {};
    node = container[segment];
  });
}

export function startsWith(path: ConfigPath, prefix: ConfigPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment);
}

/** Every scalar (and empty map or list) in a tree, with its path, in document order. */
export function leaves(root: unknown, prefix: PathSegment[] = []): Array<[PathSegment[], unknown]> {
  if (Array.isArray(root)) {
    if (root.length === 0) return [[prefix, root]];
    return root.flatMap((item, index) => leaves(item, [...prefix, index]));
  }
  if (isPlainObject(root)) {
    const entries = Object.entries(root);
    if (entries.length === 0) return prefix.length === 0 ? [] : [[prefix, root]];
    return entries.flatMap(([key, item]) => leaves(item, [...prefix, key]));
  }
  return [[prefix, root]];
}

export interface LeafDifference {
  path: string;
  /** Absent when the left side does not have this leaf. */
  a?: unknown;
  b?: unknown;
}

/** Every leaf (by formatted path) whose value differs between two trees. */
export function leafDifferences(left: unknown, right: unknown): LeafDifference[] {
  const leftLeaves = new Map(leaves(left).map(([path, value]) => [formatPath(path), value]));
  const rightLeaves = new Map(leaves(right).map(([path, value]) => [formatPath(path), value]));
  const differences: LeafDifference[] = [];
  for (const path of new Set([...leftLeaves.keys(), ...rightLeaves.keys()])) {
    const [a, b] = [leftLeaves.get(path), rightLeaves.get(path)];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    differences.push({ path, ...(a === undefined ? {} : { a }), ...(b === undefined ? {} : { b }) });
  }
  return differences;
}
