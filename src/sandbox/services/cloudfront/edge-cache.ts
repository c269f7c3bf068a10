/** What an edge location keeps for a path until an invalidation covers it. */
export interface CachedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  storedAt: number;
}

/** One cache per distribution, keyed by path; invalidation paths may end in `*`. */
export class EdgeCache {
  private readonly byDistribution = new Map<string, Map<string, CachedResponse>>();

  get(distributionId: string, path: string): CachedResponse | undefined {
    return this.byDistribution.get(distributionId)?.get(path);
  }

  put(distributionId: string, path: string, response: CachedResponse): void {
    const cache = this.byDistribution.get(distributionId) ?? new Map<string, CachedResponse>();
    this.byDistribution.set(distributionId, cache);
    cache.set(path, response);
  }

  invalidate(distributionId: string, paths: readonly string[]): void {
    const cache = this.byDistribution.get(distributionId);
    if (!cache) return;
    for (const cached of [...cache.keys()]) {
      if (
        paths.some((pattern) =>
          pattern.endsWith('*') ? cached.startsWith(pattern.slice(0, -1)) : cached === pattern,
        )
      ) {
        cache.delete(cached);
      }
    }
  }
}
