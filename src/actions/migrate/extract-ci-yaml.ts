import type { Node, Scalar } from 'yaml';
import { environmentIn, environmentOfBranch, environmentOfWord, guess } from './environments.js';
import { extractShell } from './extract-shell.js';
import { normalizeReferences, type ReferenceSyntax } from './references.js';
import type { EnvironmentGuess, Fact } from './types.js';
import { isMap, isScalar, isSeq, parseYamlTree, scalarText, type YamlTree } from './yaml-tree.js';

const SCRIPT_KEYS = new Set(['run', 'script', 'before_script', 'after_script', 'command', 'commands', 'sh']);
const VARIABLE_KEYS = new Set(['env', 'variables', 'environment', 'with', 'parameters']);
/** Keys whose values are CI structure, never deployment values (`stage: deploy` in GitLab). */
const STRUCTURE_KEYS = new Set([
  'stage',
  'stages',
  'name',
  'image',
  'runs-on',
  'uses',
  'needs',
  'when',
  'if',
  'only',
  'except',
  'tags',
  'cache',
  'artifacts',
  'paths',
  'services',
  'on',
  'branches',
  'timeout-minutes',
  'id',
  'shell',
  'working-directory',
  'dependencies',
  'extends',
  'type',
  'description',
  'default',
  'required',
  'deployment',
  'concurrency',
  'permissions',
  'runtime-versions',
  'python-version',
  'node-version',
  'cron',
  'resource_class',
  'executor',
  'docker',
  'orbs',
  'version',
  'workflows',
  'filters',
  'rules',
  'trigger',
]);
const BRANCH_IN_EXPRESSION =
  /(?:refs\/heads\/|ref_name\s*==\s*['"]|BRANCH\s*==\s*['"]|COMMIT_REF_NAME\s*==\s*['"])([A-Za-z0-9._/-]{1,80})/;
const ENV_IN_EXPRESSION = /(?:environment|stage|ENV|STAGE)\s*==\s*['"]([A-Za-z0-9_-]{1,40})['"]/;

interface Context {
  tree: YamlTree;
  syntax: ReferenceSyntax;
  facts: Fact[];
}

/** The environment an `if:`/`rules:` expression selects (a branch or an input compared to a name). */
function environmentOfExpression(expression: string): EnvironmentGuess | undefined {
  const branch = BRANCH_IN_EXPRESSION.exec(expression);
  const byBranch = branch ? environmentOfBranch(branch[1]!) : undefined;
  if (branch && byBranch) return guess(byBranch, `CI condition on branch ${branch[1]}`);
  const named = ENV_IN_EXPRESSION.exec(expression);
  const byName = named ? environmentOfWord(named[1]!) : undefined;
  return byName ? guess(byName, `CI condition ${named![0]}`) : undefined;
}

function single(node: unknown): string | undefined {
  if (isSeq(node) && node.items.length === 1) return scalarText(node.items[0]);
  return scalarText(node);
}

/** The environment a job or step map declares, by the strongest evidence it holds. */
function environmentOfMap(node: Node, key: string | undefined): EnvironmentGuess | undefined {
  if (!isMap(node)) return undefined;
  const get = (name: string) => node.get(name, true) as unknown;
  const declared = get('environment') ?? get('deployment');
  const declaredName = isMap(declared) ? scalarText(declared.get('name', true)) : scalarText(declared);
  if (declaredName) {
    const env = environmentOfWord(declaredName) ?? environmentIn(declaredName);
    if (env) return guess(env, `CI environment: ${declaredName}`);
  }
  for (const condition of ['if']) {
    const text = scalarText(get(condition));
    const env = text ? environmentOfExpression(text) : undefined;
    if (env) return env;
  }
  const rules = get('rules');
  if (isSeq(rules))
    for (const rule of rules.items) {
      const text = isMap(rule) ? scalarText(rule.get('if', true)) : undefined;
      const env = text ? environmentOfExpression(text) : undefined;
      if (env) return env;
    }
  const only = get('only');
  const branch = single(isMap(only) ? only.get('refs', true) : only);
  if (branch) {
    const env = environmentOfBranch(branch);
    if (env) return guess(env, `CI job runs only on ${branch}`);
  }
  const name = scalarText(get('name'));
  for (const [text, what] of [
    [key, 'CI job'],
    [name, 'CI step'],
  ] as const) {
    const env = text ? environmentIn(text, what === 'CI step') : undefined;
    if (env && text) return guess(env, `${what} ${text}`);
  }
  return undefined;
}

function scripts(node: unknown, env: EnvironmentGuess | undefined, context: Context): void {
  if (isScalar(node)) {
    const text = scalarText(node);
    if (text === undefined) return;
    const normalized = context.syntax === 'github' ? normalizeReferences(text, 'github') : text;
    context.facts.push(...extractShell(normalized, context.tree.textLineOf(node as Scalar), env));
  } else if (isSeq(node)) for (const item of node.items) scripts(item, env, context);
  else if (isMap(node)) walk(node, undefined, env, context);
}

function variables(node: unknown, env: EnvironmentGuess | undefined, context: Context, typed: boolean): void {
  if (!isMap(node)) return;
  for (const pair of node.items) {
    const name = scalarText(pair.key);
    const valueNode = isMap(pair.value) ? pair.value.get('value', true) : pair.value;
    const value = scalarText(valueNode);
    if (!name || value === undefined || !isScalar(valueNode)) continue;
    context.facts.push({
      type: 'assign',
      name,
      value: normalizeReferences(normalizeReferences(value, context.syntax), 'shell'),
      line: context.tree.lineOf(valueNode as Node),
      ...(env ? { env } : {}),
      ...(typed ? { key: true } : {}),
    });
  }
}

function walk(
  node: unknown,
  key: string | undefined,
  inherited: EnvironmentGuess | undefined,
  context: Context,
): void {
  if (isSeq(node)) {
    for (const item of node.items) walk(item, key, inherited, context);
    return;
  }
  if (!isMap(node)) return;
  const env = environmentOfMap(node as Node, key) ?? inherited;
  for (const pair of node.items) {
    const name = scalarText(pair.key);
    if (name === undefined) continue;
    const value = pair.value;
    if (SCRIPT_KEYS.has(name)) scripts(value, env, context);
    else if (VARIABLE_KEYS.has(name) && isMap(value) && !(name === 'environment' && value.has('name')))
      variables(value, env, context, name === 'with' || name === 'parameters');
    else if (name === 'environment' && isMap(value)) variables(value, env, context, true);
    else if (isScalar(value)) {
      const text = scalarText(value);
      if (text !== undefined && !STRUCTURE_KEYS.has(name))
        context.facts.push({
          type: 'assign',
          name,
          value: normalizeReferences(text, context.syntax),
          line: context.tree.lineOf(value as Node),
          key: true,
          ...(env ? { env } : {}),
        });
    } else {
      const branch = key === 'branches' ? environmentOfBranch(name) : undefined;
      walk(value, name, branch ? guess(branch, `pipeline for branch ${name}`) : env, context);
    }
  }
}

/** The environment a whole workflow is for, when it only runs on one branch (`on: push: branches: [main]`). */
function workflowEnvironment(root: unknown): EnvironmentGuess | undefined {
  if (!isMap(root)) return undefined;
  const on = root.get('on', true) ?? root.get(true as unknown as string, true);
  const push = isMap(on) ? on.get('push', true) : undefined;
  const branch = isMap(push) ? single(push.get('branches', true)) : undefined;
  const env = branch ? environmentOfBranch(branch) : undefined;
  return env && branch ? guess(env, `workflow runs on pushes to ${branch}`) : undefined;
}

/** Reads a CI file (GitHub Actions, GitLab CI, CircleCI, Bitbucket Pipelines, CodeBuild and the like). */
export function extractCiYaml(source: string, syntax: ReferenceSyntax): Fact[] {
  const tree = parseYamlTree(source);
  if (!tree) return [];
  const context: Context = { tree, syntax, facts: [] };
  walk(tree.root, undefined, syntax === 'github' ? workflowEnvironment(tree.root) : undefined, context);
  return context.facts;
}
