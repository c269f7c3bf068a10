import { apiFunctionKey } from './api-function.js';
import type { OmnixConfig } from './schema.js';

type Backend = NonNullable<OmnixConfig['backend']>;

/** The methods a route key may name; ANY matches every method. */
export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;

const LITERAL = /^[A-Za-z0-9._~:@!$&'()*,;=-]+$/;
const VARIABLE = /^\{([A-Za-z0-9._-]+)(\+?)\}$/;

/** One segment of a route's path. */
export type RouteSegment =
  | { kind: 'literal'; text: string }
  | { kind: 'variable'; name: string }
  | { kind: 'greedy'; name: string };

/** A route key taken apart: `$default`, or a method and the path's segments. */
export type RouteKey =
  | { kind: 'default' }
  | { kind: 'path'; method: string; path: string; segments: RouteSegment[] };

/**
 * Reads a route key: `$default`, or `METHOD /path` with METHOD one of ROUTE_METHODS and a path of
 * literal segments, `{name}` variables and at most one greedy `{name+}`, last. Splits on `/` only:
 * no pattern here can backtrack on a long key.
 */
export function parseRouteKey(key: string): { ok: true; route: RouteKey } | { ok: false; problem: string } {
  if (key === '$default') return { ok: true, route: { kind: 'default' } };
  const space = key.indexOf(' ');
  const method = space > 0 ? key.slice(0, space) : '';
  const path = space > 0 ? key.slice(space + 1) : '';
  const fail = (problem: string) => ({ ok: false as const, problem });
  if (!(ROUTE_METHODS as readonly string[]).includes(method))
    return fail(`expected $default or a method (${ROUTE_METHODS.join(', ')}), a space and a path`);
  if (!path.startsWith('/')) return fail('the path must start with /');
  const parts = path === '/' ? [] : path.slice(1).split('/');
  const names = new Set<string>();
  const segments: RouteSegment[] = [];
  for (const [index, part] of parts.entries()) {
    if (part === '') return fail('the path has an empty segment');
    const variable = part.length <= 130 ? VARIABLE.exec(part) : null;
    if (!variable) {
      if (!LITERAL.test(part))
        return fail(`the path segment '${part.slice(0, 60)}' has characters not allowed`);
      segments.push({ kind: 'literal', text: part });
      continue;
    }
    const name = variable[1]!;
    if (names.has(name)) return fail(`the path variable {${name}} appears twice`);
    names.add(name);
    if (variable[2] !== '+') segments.push({ kind: 'variable', name });
    else if (index !== parts.length - 1) return fail('a greedy variable {name+} must be the last segment');
    else segments.push({ kind: 'greedy', name });
  }
  return { ok: true, route: { kind: 'path', method, path, segments } };
}

/** One configured route: its key and the key (under backend.functions) of the function it invokes. */
export interface ConfiguredRoute {
  key: string;
  function: string;
}

/** `backend.api.routes` as a list; undefined when omnix does not manage the API's routes. */
export function configuredRoutes(backend: Backend): ConfiguredRoute[] | undefined {
  const routes = backend.api?.routes;
  if (!routes) return undefined;
  return Object.entries(routes).map(([key, fn]) => ({ key, function: fn }));
}

/** The keys of the functions the API invokes: every routed one, else the one behind everything. */
export function apiFunctionKeys(backend: Backend): string[] {
  const routes = configuredRoutes(backend);
  if (routes) return [...new Set(routes.map((route) => route.function))];
  const key = apiFunctionKey(backend);
  return key ? [key] : [];
}

/** Whether the configuration has an API omnix deploys: one with routes, or a function behind it. */
export const hasApi = (backend: Backend | undefined): boolean =>
  Boolean(backend?.api && apiFunctionKeys(backend).length > 0);

const better = (a: number[], b: number[]) => {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return false;
};

/** How well a route's path fits the request's segments (3 literal, 2 variable, 1 greedy), or undefined. */
function rankFit(segments: readonly RouteSegment[], parts: readonly string[]): number[] | undefined {
  const ranks: number[] = [];
  for (const [index, segment] of segments.entries()) {
    if (segment.kind === 'greedy') return index < parts.length ? [...ranks, 1] : undefined;
    const part = parts[index];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal' && part !== segment.text) return undefined;
    ranks.push(segment.kind === 'literal' ? 3 : 2);
  }
  return segments.length === parts.length ? ranks : undefined;
}

/**
 * The configured route API Gateway sends a request to: the most specific path (literal segments over
 * `{variables}` over `{greedy+}`), a route for the method over `ANY` for the same path, and `$default`
 * when nothing else matches. REST APIs choose the same way among these routes.
 */
export function matchRoute<R extends { key: string }>(
  routes: readonly R[],
  method: string,
  path: string,
): R | undefined {
  const parts = path.split('/').filter(Boolean);
  let best: { route: R; ranks: number[] } | undefined;
  let fallback: R | undefined;
  for (const route of routes) {
    const parsed = parseRouteKey(route.key);
    if (!parsed.ok) continue;
    const key = parsed.route;
    if (key.kind === 'default') {
      fallback = route;
      continue;
    }
    if (key.method !== method && key.method !== 'ANY') continue;
    const ranks = rankFit(key.segments, parts);
    if (!ranks) continue;
    const ranked = [...ranks, key.method === 'ANY' ? 0 : 1];
    if (!best || better(ranked, best.ranks)) best = { route, ranks: ranked };
  }
  return best?.route ?? fallback;
}
