import type { Node } from 'yaml';
import { environmentOfWord, guess } from './environments.js';
import { normalizeReferences } from './references.js';
import type { EnvironmentGuess, Fact } from './types.js';
import { isMap, isScalar, isSeq, parseYamlTree, scalarText, type YamlTree } from './yaml-tree.js';

const GENERIC = new Set(['name', 'id', 'value', 'arn']);

/** `deploymentBucket: { name: x }` names a bucket: a generic key takes its parent's name. */
function keyName(path: string[]): string {
  const last = path.at(-1) ?? '';
  if (path.length >= 3 && path[0] === 'functions' && last === 'name') return 'functionName';
  if (GENERIC.has(last) && path.length >= 2) return `${path.at(-2)}${last[0]!.toUpperCase()}${last.slice(1)}`;
  return last;
}

function walk(
  node: unknown,
  path: string[],
  env: EnvironmentGuess | undefined,
  tree: YamlTree,
  facts: Fact[],
): void {
  if (isSeq(node)) {
    for (const item of node.items) walk(item, path, env, tree, facts);
    return;
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      const name = scalarText(pair.key);
      if (name === undefined) continue;
      const named = isMap(pair.value) ? environmentOfWord(name) : undefined;
      const childEnv = named ? guess(named, `key ${[...path, name].join('.')}`) : env;
      walk(pair.value, [...path, name], childEnv, tree, facts);
    }
    return;
  }
  const text = scalarText(node);
  if (text === undefined || !isScalar(node) || path.length === 0) return;
  const value = normalizeReferences(text, 'serverless');
  const line = tree.lineOf(node as Node);
  const base = { type: 'assign' as const, value, line, key: true, ...(env ? { env } : {}) };
  facts.push({ ...base, name: keyName(path) });
  // `${self:custom.bucket}` refers to the value by its whole path.
  facts.push({ ...base, name: `self:${path.join('.')}`, key: false, alias: true });
}

/**
 * Reads a deployment configuration in YAML (serverless.yml, samconfig.yaml): every value by its key,
 * each key that names an environment (`custom.stages.prod`) scoping what is below it.
 */
export function extractConfigYaml(source: string): Fact[] {
  const tree = parseYamlTree(source);
  if (!tree) return [];
  const facts: Fact[] = [];
  walk(tree.root, [], undefined, tree, facts);
  return facts;
}

/** The `service` (Serverless) name, a hint for the project name. */
export function serviceName(source: string): string | undefined {
  const match = /^service:\s*(?:name:\s*)?([A-Za-z0-9-]{1,63})\s*$/m.exec(source);
  return match?.[1];
}
