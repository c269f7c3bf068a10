import { OmnixError } from './errors.js';

/**
 * Calls `check` until it returns a value, waiting 100 ms, then twice as long each time up to `maxDelayMs`.
 * Short first waits keep a fast service fast; the backoff keeps a slow one from being flooded.
 */
export async function pollUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { timeoutMs = 300_000, maxDelayMs = 5000 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 100;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() + delay > deadline) {
      throw new OmnixError('Timeout', `gave up waiting for ${what} after ${Math.round(timeoutMs / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, maxDelayMs);
  }
}
