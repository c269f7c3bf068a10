import { describe, expect, it } from 'vitest';
import { matchRoute } from './match.js';
import type { HttpRouteRecord } from './model.js';

const routes: HttpRouteRecord[] = [
  '$default',
  'GET /pets/dog/1',
  'GET /pets/dog/{id}',
  'GET /pets/{proxy+}',
  'ANY /{proxy+}',
  'ANY /orders',
  'POST /orders',
].map((routeKey, index) => ({ routeId: String(index), routeKey }));

const keyOf = (method: string, path: string) => matchRoute(routes, method, path)?.route.routeKey;

describe('HTTP API route matching', () => {
  it.each([
    ['GET', '/pets/dog/1', 'GET /pets/dog/1'],
    ['GET', '/pets/dog/2', 'GET /pets/dog/{id}'],
    ['GET', '/pets/cat/1', 'GET /pets/{proxy+}'],
    ['POST', '/pets/dog/1', 'ANY /{proxy+}'],
    ['POST', '/orders', 'POST /orders'],
    ['DELETE', '/orders', 'ANY /orders'],
    ['GET', '/', '$default'],
  ])('sends %s %s to %s', (method, path, expected) => {
    expect(keyOf(method, path)).toBe(expected);
  });

  it('decodes path parameters and gives a greedy variable the rest of the path', () => {
    expect(matchRoute(routes, 'GET', '/pets/dog/a%20b')?.pathParameters).toEqual({ id: 'a b' });
    expect(matchRoute(routes, 'GET', '/pets/cat/1/toys')?.pathParameters).toEqual({ proxy: 'cat/1/toys' });
  });

  it('finds nothing without a $default route when no path fits', () => {
    expect(matchRoute([{ routeId: '1', routeKey: 'GET /a' }], 'GET', '/b')).toBeUndefined();
  });
});
