import { badRequest } from './state.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY']);
const LITERAL = /^[A-Za-z0-9._~:@!$&'()*,;=-]+$/;
const VARIABLE = /^\{([A-Za-z0-9._-]+)(\+?)\}$/;

/** One segment of a route's path. */
export type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'variable'; name: string }
  | { kind: 'greedy'; name: string };

/** A route key taken apart: `$default`, or a method and path segments. */
export type ParsedRouteKey = { kind: 'default' } | { kind: 'path'; method: string; segments: Segment[] };

/**
 * Reads a route key as HTTP APIs accept it: `$default`, or `METHOD /path` with METHOD one of GET,
 * POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY, and a path of literal segments, `{name}` variables
 * and at most one greedy `{name+}` at the end. Anything else is a BadRequestException.
 */
export function parseRouteKey(routeKey: string): ParsedRouteKey {
  if (routeKey === '$default') return { kind: 'default' };
  const invalid = (why: string) => badRequest(`Invalid route key: '${routeKey.slice(0, 300)}'. ${why}`);
  const space = routeKey.indexOf(' ');
  const method = space > 0 ? routeKey.slice(0, space) : '';
  const path = space > 0 ? routeKey.slice(space + 1) : '';
  if (!METHODS.has(method))
    throw invalid('A route key is $default or an HTTP method (or ANY), a space and a path starting with /.');
  if (!path.startsWith('/')) throw invalid('The path must start with /.');
  const parts = path === '/' ? [] : path.slice(1).split('/');
  const names = new Set<string>();
  const segments = parts.map((part, index): Segment => {
    if (part === '') throw invalid('The path has an empty segment.');
    const variable = VARIABLE.exec(part);
    if (!variable) {
      if (!LITERAL.test(part))
        throw invalid(`The path segment '${part.slice(0, 100)}' has characters not allowed.`);
      return { kind: 'literal', text: part };
    }
    const name = variable[1]!;
    if (names.has(name)) throw invalid(`The path variable {${name}} appears twice.`);
    names.add(name);
    if (variable[2] !== '+') return { kind: 'variable', name };
    if (index !== parts.length - 1) throw invalid('A greedy path variable must be the last segment.');
    return { kind: 'greedy', name };
  });
  return { kind: 'path', method, segments };
}
