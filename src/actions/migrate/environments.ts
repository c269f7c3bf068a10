import type { EnvironmentGuess } from './types.js';

/** Canonical environment names and the words teams use for them. */
const ALIASES: Record<string, string> = {
  prod: 'production',
  production: 'production',
  prd: 'production',
  staging: 'staging',
  stage: 'staging',
  stg: 'staging',
  stag: 'staging',
  dev: 'development',
  develop: 'development',
  development: 'development',
  test: 'test',
  testing: 'test',
  qa: 'qa',
  uat: 'uat',
  preprod: 'preprod',
  preproduction: 'preprod',
  preview: 'preview',
  demo: 'demo',
};

/**
 * Words that name an environment in a file or variable name but mean something else in free text
 * and in values: "Deploy API stage", "Smoke test", "shop-demo.io".
 */
const AMBIGUOUS = new Set(['stage', 'test', 'testing', 'demo', 'preview']);

/** Git branches that deploy an environment by convention. */
const BRANCHES: Record<string, string> = {
  main: 'production',
  master: 'production',
  production: 'production',
  prod: 'production',
  release: 'production',
  staging: 'staging',
  stage: 'staging',
  develop: 'development',
  development: 'development',
  dev: 'development',
};

/** The canonical environment a single word names (`prod` → production), if any. */
export function environmentOfWord(word: string): string | undefined {
  return ALIASES[word.toLowerCase()];
}

/** The environment a branch deploys by convention (`main` → production). */
export function environmentOfBranch(branch: string): string | undefined {
  const name = branch.replace(/^refs\/heads\//, '').toLowerCase();
  return BRANCHES[name] ?? ALIASES[name];
}

/** Splits `deployProd`, `deploy-prod.sh`, `PROD_BUCKET` into lowercase words. */
export function words(text: string): string[] {
  return text
    .slice(0, 512)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/pre[-_ ]prod/g, 'preprod')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * The one environment that `text` names among its words, or undefined when it names none or
 * several different ones (`prod-to-staging` says nothing certain). `strict` ignores words that are
 * often not about environments (for step names and values).
 */
export function environmentIn(text: string, strict = false): string | undefined {
  const found = new Set<string>();
  for (const word of words(text)) {
    if (strict && AMBIGUOUS.has(word)) continue;
    const env = ALIASES[word];
    if (env) found.add(env);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

export function guess(name: string, reason: string): EnvironmentGuess {
  return { name, reason };
}

/** Names of variables that hold the environment itself (`$ENV`, `$STAGE`, `${opt:stage}`). */
export function isEnvironmentVariable(name: string): boolean {
  return /^(env|environment|stage|stage_?name|app_?env|deploy_?env|deployment_?env|target_?env|target|node_?env|sls_?stage|opt:stage|sls:stage|self:provider\.stage|ci_environment_name|inputs\.environment|github\.event\.inputs\.environment|environment_?name|env_?name)$/i.test(
    name,
  );
}
