import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { onTestFinished } from 'vitest';
import { TEST_CREDENTIALS } from './sandbox.js';

/** A DynamoDB (dynalite, in memory) on a free port, stopped when the test ends; and client settings for it. */
export async function dynamoDb(): Promise<{
  endpoint: string;
  client: { region: string; endpoint: string; credentials: typeof TEST_CREDENTIALS; maxAttempts: number };
}> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    client: { region: 'us-east-1', endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 3 },
  };
}
