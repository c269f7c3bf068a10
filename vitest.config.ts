import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Generous: a busy 2-core machine (CI) slows end-to-end tests several times over; a hang still ends.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    // Most of the suite waits on child processes and the sandbox rather than computing: files run side by side.
    maxWorkers: 3,
    // The SDK's Node 20 notice would print once per test file; the CLI silences it the same way (bin/run.js).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    reporters: ['default', './test/summary-reporter.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/**/*.contract.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 85 },
    },
  },
});
