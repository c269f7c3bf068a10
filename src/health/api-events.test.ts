import { describe, expect, it } from 'vitest';
import { proxyEventV1, proxyEventV2 } from './api-events.js';

const request = {
  method: 'GET',
  headers: { Accept: 'application/json', Cookie: 'a=1; b=2' },
};

describe('the events a canary replays to a function version', () => {
  it('builds a payload 2.0 event: rawPath, raw query, cookies apart, lower-case headers, path parameters', () => {
    const event = proxyEventV2(
      request,
      '/products/7?q=bean&q=cup&x=1',
      '$default',
      { key: 'GET /products/{id}' },
      'https://abc123.execute-api.us-east-1.amazonaws.com',
    );
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /products/{id}',
      rawPath: '/products/7',
      rawQueryString: 'q=bean&q=cup&x=1',
      cookies: ['a=1', 'b=2'],
      headers: { accept: 'application/json' },
      queryStringParameters: { q: 'bean,cup', x: '1' },
      pathParameters: { id: '7' },
      requestContext: {
        apiId: 'abc123',
        domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
        http: { method: 'GET', path: '/products/7' },
        routeKey: 'GET /products/{id}',
        stage: '$default',
      },
      isBase64Encoded: false,
    });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
  });

  it('puts a named stage in front of rawPath, and leaves out what the request has none of', () => {
    const event = proxyEventV2(
      { method: 'POST', headers: {}, body: '{}' },
      '/orders',
      'beta',
      { key: '$default' },
      'http://127.0.0.1:4566/_omnix/apigateway/abc',
    );
    expect(event).toMatchObject({ rawPath: '/beta/orders', rawQueryString: '', body: '{}' });
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
  });

  it('builds a payload 1.0 event with the route’s resource and its path parameters', () => {
    const event = proxyEventV1(request, '/admin/a/b', 'prod', { key: 'ANY /admin/{proxy+}' });
    expect(event).toMatchObject({
      resource: '/admin/{proxy+}',
      path: '/admin/a/b',
      pathParameters: { proxy: 'a/b' },
      requestContext: { path: '/prod/admin/a/b', stage: 'prod' },
    });
  });
});
