/** CloudFront's documented limits and price for invalidations. */
export const INVALIDATION_LIMITS = {
  maxPathsInProgress: 3000,
  maxWildcardsInProgress: 15,
  freePathsPerMonth: 1000,
  usdPerPath: 0.005,
};

export interface InvalidationPlan {
  /** URL paths as CloudFront takes them: `/index.html`, `/docs/*`. */
  paths: string[];
  /** Paths billed (a wildcard counts as one). */
  billedPaths: number;
  /** Price of the paths beyond the monthly free tier, if this month's free tier is already used. */
  estimatedCostUsd: number;
}

const encodePath = (path: string) => `/${path.split('/').map(encodeURIComponent).join('/')}`;

/**
 * The fewest paths that cover the changed files: a folder with more than `wildcardAfter` changed files
 * becomes `/folder/*`, and when the result would still exceed CloudFront's limits (3,000 paths or 15
 * wildcards in progress) everything is covered by `/*`. `rootObject` changing also invalidates `/`.
 */
export function planInvalidation(
  changed: readonly string[],
  options: { wildcardAfter: number; rootObject?: string },
): InvalidationPlan {
  const unique = [...new Set(changed)].sort();
  if (unique.length === 0) return { paths: [], billedPaths: 0, estimatedCostUsd: 0 };
  const byFolder = new Map<string, string[]>();
  for (const path of unique) {
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), path]);
  }
  let paths: string[] = [];
  for (const [folder, files] of byFolder) {
    if (files.length > options.wildcardAfter) paths.push(folder === '' ? '/*' : `${encodePath(folder)}/*`);
    else paths.push(...files.map(encodePath));
  }
  if (options.rootObject && unique.includes(options.rootObject) && !paths.includes('/*')) paths.push('/');
  const wildcards = paths.filter((path) => path.endsWith('*')).length;
  if (
    paths.includes('/*') ||
    wildcards > INVALIDATION_LIMITS.maxWildcardsInProgress ||
    paths.length - wildcards > INVALIDATION_LIMITS.maxPathsInProgress
  ) {
    paths = ['/*'];
  }
  paths.sort();
  return {
    paths,
    billedPaths: paths.length,
    estimatedCostUsd: Math.round(paths.length * INVALIDATION_LIMITS.usdPerPath * 1000) / 1000,
  };
}
