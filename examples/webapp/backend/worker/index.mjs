// A second function: summarises a batch of orders (invoked directly or from a queue).
// Input: { orders: [{ id, items: [{ price, quantity }] }] } or an SQS event whose bodies are orders.
export async function handler(event = {}) {
  const orders = Array.isArray(event.Records)
    ? event.Records.map((record) => JSON.parse(record.body))
    : (event.orders ?? []);
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
