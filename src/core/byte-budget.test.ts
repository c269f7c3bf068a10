import { describe, expect, it } from 'vitest';
import { ByteBudget } from './byte-budget.js';

describe('ByteBudget', () => {
  it('never holds more than its total, and grants waiters in order', async () => {
    const budget = new ByteBudget(100);
    let held = 0;
    let most = 0;
    const order: number[] = [];
    const task = (bytes: number, id: number) =>
      budget.use(bytes, async () => {
        held += bytes;
        most = Math.max(most, held);
        order.push(id);
        await new Promise((resolve) => setTimeout(resolve, 5));
        held -= bytes;
      });
    await Promise.all([task(60, 1), task(60, 2), task(10, 3), task(100, 4), task(30, 5)]);
    expect(most).toBeLessThanOrEqual(100);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives the bytes back when the task fails', async () => {
    const budget = new ByteBudget(10);
    await expect(budget.use(10, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(budget.use(10, async () => 'ok')).resolves.toBe('ok');
  });

  it('refuses a request larger than the whole budget', async () => {
    await expect(new ByteBudget(10).use(11, async () => undefined)).rejects.toThrow(RangeError);
  });
});
