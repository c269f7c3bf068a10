// A second function: summarises a batch of orders. Invoked directly, from a queue, or behind the API's
// POST /orders/summary route (the preview environment routes it there).
// Input: { orders: [{ id, items: [{ price, quantity }] }] }, an SQS event whose bodies are orders, or an
// API Gateway event (payload 1.0 or 2.0) whose body is { orders: [...] }.
function summarise(orders) {
  let revenue = 0;
  let items = 0;
  for (const order of orders) {
    for (const line of order.items ?? []) {
      if (!(line.price >= 0) || !Number.isInteger(line.quantity) || line.quantity < 1) {
        throw new Error(`order ${order.id}: invalid line ${JSON.stringify(line)}`);
      }
      revenue += line.price * line.quantity;
      items += line.quantity;
    }
  }
  return {
    orders: orders.length,
    items,
    revenue: Math.round(revenue * 100) / 100,
    stage: process.env.STAGE ?? 'unknown',
  };
}

const json = (statusCode, body) => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' },
  body: JSON.stringify(body),
});

function fromApi(event) {
  let orders;
  try {
    const text = event.isBase64Encoded
      ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
      : event.body;
    orders = JSON.parse(text || '{}').orders ?? [];
  } catch {
    return json(400, { error: 'the body is not JSON' });
  }
  try {
    return json(200, summarise(orders));
  } catch (error) {
    return json(400, { error: error.message });
  }
}

export async function handler(event = {}) {
  if (event.requestContext && ('httpMethod' in event || event.requestContext.http)) return fromApi(event);
  const orders = Array.isArray(event.Records)
    ? event.Records.map((record) => JSON.parse(record.body))
    : (event.orders ?? []);
  return summarise(orders);
}
