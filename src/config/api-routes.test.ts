import { describe, expect, it } from 'vitest';
import { matchRoute, parseRouteKey } from './api-routes.js';

describe('parseRouteKey', () => {
  it('reads $default, a method and a path of literals, variables and one greedy variable last', () => {
    expect(parseRouteKey('$default')).toEqual({ ok: true, route: { kind: 'default' } });
    expect(parseRouteKey('ANY /admin/{id}/{proxy+}')).toEqual({
      ok: true,
      route: {
        kind: 'path',
        method: 'ANY',
        path: '/admin/{id}/{proxy+}',
        segments: [
          { kind: 'literal', text: 'admin' },
          { kind: 'variable', name: 'id' },
          { kind: 'greedy', name: 'proxy' },
        ],
      },
    });
    expect(parseRouteKey('GET /')).toMatchObject({ ok: true, route: { segments: [] } });
  });

  it.each([
    ['FETCH /orders', 'expected $default or a method'],
    ['GET orders', 'the path must start with /'],
    ['GET /a//b', 'the path has an empty segment'],
    ['GET /{proxy+}/more', 'a greedy variable {name+} must be the last segment'],
    ['GET /{id}/{id}', 'the path variable {id} appears twice'],
    ['GET /a b', "the path segment 'a b' has characters not allowed"],
  ])('refuses %s', (key, problem) => {
    expect(parseRouteKey(key)).toEqual({ ok: false, problem: expect.stringContaining(problem) });
  });

  it('reads a long key in linear time (no pattern backtracks on it)', () => {
    expect(parseRouteKey(`GET /${'{'.repeat(50_000)}`)).toMatchObject({ ok: false });
  });
});

describe('matchRoute', () => {
  const routes = [
    { key: 'GET /products' },
    { key: 'GET /products/{id}' },
    { key: 'ANY /products/{proxy+}' },
    { key: 'POST /orders' },
    { key: 'ANY /orders' },
    { key: '$default' },
  ];
  const match = (method: string, path: string) => matchRoute(routes, method, path)?.key;

  it('prefers literal segments over variables over a greedy variable', () => {
    expect(match('GET', '/products')).toBe('GET /products');
    expect(match('GET', '/products/7')).toBe('GET /products/{id}');
    expect(match('GET', '/products/7/reviews')).toBe('ANY /products/{proxy+}');
  });

  it('prefers a route for the method over ANY, and falls back to $default', () => {
    expect(match('POST', '/orders')).toBe('POST /orders');
    expect(match('DELETE', '/orders')).toBe('ANY /orders');
    expect(match('GET', '/elsewhere')).toBe('$default');
    expect(matchRoute([{ key: 'GET /a' }], 'GET', '/b')).toBeUndefined();
  });
});
