import type { HttpRouteRecord } from './model.js';
import { parseRouteKey, type Segment } from './route-key.js';

export interface RouteMatch {
  route: HttpRouteRecord;
  pathParameters: Record<string, string>;
}

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/**
 * How well a route's path fits the request's segments: undefined when it does not, else one rank
 * per segment (3 literal, 2 variable, 1 greedy) so that comparing ranks in order prefers the most
 * specific path, as API Gateway does.
 */
function rankFit(segments: Segment[], parts: string[], params: Record<string, string>): number[] | undefined {
  const ranks: number[] = [];
  for (const [index, segment] of segments.entries()) {
    if (segment.kind === 'greedy') {
      if (index >= parts.length) return undefined;
      params[segment.name] = parts.slice(index).map(decode).join('/');
      ranks.push(1);
      return ranks;
    }
    const part = parts[index];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (decode(part) !== segment.text) return undefined;
      ranks.push(3);
    } else {
      params[segment.name] = decode(part);
      ranks.push(2);
    }
  }
  return segments.length === parts.length ? ranks : undefined;
}

const better = (a: number[], b: number[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return false;
};

/**
 * The route an HTTP API sends a request to: the most specific matching path (literal segments over
 * `{variables}` over `{greedy+}`), a route for the method over an `ANY` one for the same path, and
 * `$default` when nothing else matches.
 */
export function matchRoute(
  routes: readonly HttpRouteRecord[],
  method: string,
  path: string,
): RouteMatch | undefined {
  const parts = path.split('/').filter(Boolean);
  let best: (RouteMatch & { ranks: number[] }) | undefined;
  let fallback: RouteMatch | undefined;
  for (const route of routes) {
    const key = parseRouteKey(route.routeKey);
    if (key.kind === 'default') {
      fallback = { route, pathParameters: {} };
      continue;
    }
    if (key.method !== method && key.method !== 'ANY') continue;
    const pathParameters: Record<string, string> = {};
    const fitted = rankFit(key.segments, parts, pathParameters);
    if (!fitted) continue;
    const ranks = [...fitted, key.method === 'ANY' ? 0 : 1];
    if (!best || better(ranks, best.ranks)) best = { route, pathParameters, ranks };
  }
  return best ? { route: best.route, pathParameters: best.pathParameters } : fallback;
}
