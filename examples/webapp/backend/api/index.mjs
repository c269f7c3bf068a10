// The HTTP API: GET /health and GET /products?q=. Accepts API Gateway proxy events (REST payload 1.0
// and HTTP API payload 2.0) and answers with a proxy response.
import { PRODUCTS } from './products.mjs';

const VERSION = '1.0.0';

const json = (statusCode, body) => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' },
  body: JSON.stringify(body),
});

function route(event) {
  const method = event.httpMethod ?? event.requestContext?.http?.method ?? 'GET';
  const path = (event.path ?? event.rawPath ?? '/').replace(/\/+$/, '') || '/';
  return { method, path: path.replace(/^\/[^/]+(?=\/(health|products)$)/, '') };
}

export async function handler(event = {}) {
  const { method, path } = route(event);
  if (method === 'OPTIONS') return json(204, {});
  if (method !== 'GET') return json(405, { error: `${method} is not allowed` });
  if (path === '/health') {
    return json(200, { status: 'ok', stage: process.env.STAGE ?? 'unknown', version: VERSION });
  }
  if (path === '/products') {
    const query = (event.queryStringParameters?.q ?? '').trim().toLowerCase();
    const products = PRODUCTS.filter((product) => product.name.toLowerCase().includes(query));
    return json(200, { products, count: products.length });
  }
  return json(404, { error: `no route for ${method} ${path}` });
}
