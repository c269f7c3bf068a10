import { onTestFinished } from 'vitest';
import type { SandboxOptions } from '../../src/sandbox/options.js';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';

export const TEST_CREDENTIALS = { accessKeyId: 'AKIASANDBOXTEST', secretAccessKey: 'sandbox-secret' };

/** A sandbox on a free port with small pages, stopped when the test ends; and SDK client settings for it. */
export async function sandbox(
  options: SandboxOptions = {},
): Promise<RunningSandbox & { client: ClientSettings }> {
  const running = await startSandbox({
    port: 0,
    pageSize: 3,
    lambdaUpdateMs: 30,
    invalidationMs: 50,
    ...options,
  });
  onTestFinished(() => running.stop());
  return {
    ...running,
    client: {
      region: 'us-east-1',
      endpoint: running.endpoint,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
    },
  };
}

export interface ClientSettings {
  region: string;
  endpoint: string;
  credentials: typeof TEST_CREDENTIALS;
  maxAttempts: number;
}
