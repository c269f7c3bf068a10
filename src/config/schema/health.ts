import { z } from 'zod';
import { duration, stringish, text } from './common.js';

const headers = z.record(z.string(), stringish).default({}).describe('Request headers.');
const method = z
  .enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
  .default('GET')
  .describe('HTTP method.');
const body = z.string().optional().describe('Request body.');

const httpExpectation = z
  .strictObject({
    status: z.number().int().min(100).max(599).default(200).describe('Expected HTTP status.'),
    bodyContains: z.string().optional().describe('Text the body must contain.'),
    jsonPath: z
      .strictObject({
        path: text.describe('Dotted path into the JSON body, e.g. `status` or `checks.0.ok`.'),
        equals: z.union([z.string(), z.number(), z.boolean(), z.null()]).describe('Value expected there.'),
      })
      .optional()
      .describe('A value the JSON body must hold.'),
    headers: z
      .record(z.string(), z.string())
      .optional()
      .describe('Response headers that must have these values.'),
  })
  .default({ status: 200 })
  .describe('What the response must be.');

const common = {
  name: text.describe('Name shown in reports; unique within the environment.'),
  timeoutSeconds: z
    .number()
    .positive()
    .optional()
    .describe('Overrides `health.timeoutSeconds` for this check.'),
  retries: z.number().int().min(0).optional().describe('Overrides `health.retries` for this check.'),
};

const endpoint = z.strictObject({
  path: text.describe('Path appended to the base URL, e.g. `/health`.'),
  method,
  headers,
  body,
  expect: httpExpectation,
});

const httpCheck = z.strictObject({
  ...common,
  type: z.literal('http').describe('An HTTP request and what its response must be.'),
  url: text.describe('URL to request; may use ${outputs.siteUrl} and ${outputs.apiUrl}.'),
  method,
  headers,
  body,
  expect: httpExpectation,
});

const frontendCheck = z.strictObject({
  ...common,
  type: z
    .literal('frontend')
    .describe("The page and every asset it references load, and it carries the release's build id."),
  url: text.describe('Page URL.'),
});

const apiCheck = z.strictObject({
  ...common,
  type: z.literal('api').describe('Several endpoint checks sharing a base URL.'),
  baseUrl: text.describe('Base URL the endpoint paths are appended to.'),
  endpoints: z.array(endpoint).min(1).describe('Endpoints checked, each with its own expectation.'),
});

const tcpCheck = z.strictObject({
  ...common,
  type: z.literal('tcp').describe('A TCP port accepts a connection (a database, a cache).'),
  host: text.describe('Host name or address.'),
  port: z.number().int().min(1).max(65_535).describe('TCP port.'),
});

const lambdaCheck = z.strictObject({
  ...common,
  type: z.literal('lambda').describe("Invoke a function's alias with a test payload."),
  function: text.describe('Key of the function under `backend.functions`.'),
  payload: z.unknown().optional().describe('Event passed to the function.'),
  expect: z
    .strictObject({
      bodyContains: z.string().optional().describe('Text the serialized result must contain.'),
    })
    .default({})
    .describe('What the result must be; a function error always fails the check.'),
});

const alarmCheck = z.strictObject({
  ...common,
  type: z
    .literal('cloudwatch-alarm')
    .describe('Named CloudWatch alarms did not go into ALARM during the deployment.'),
  alarms: z.array(text).min(1).describe('Alarm names.'),
});

const pluginCheck = z.strictObject({
  ...common,
  type: z.literal('plugin').describe('A local module exporting `check(context)`.'),
  module: text.describe('Path of the module, relative to the project root.'),
  options: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('Passed to the plugin as `context.options`.'),
});

export const healthCheckSchema = z.discriminatedUnion('type', [
  httpCheck,
  frontendCheck,
  apiCheck,
  tcpCheck,
  lambdaCheck,
  alarmCheck,
  pluginCheck,
]);

const latencyThresholds = z
  .strictObject({
    samples: z.number().int().min(1).max(1000).default(20).describe('Requests measured per check.'),
    p50Ms: z.number().positive().optional().describe('Largest median latency (ms) still healthy.'),
    p95Ms: z.number().positive().optional().describe('Largest 95th-percentile latency (ms) still healthy.'),
    p99Ms: z.number().positive().optional().describe('Largest 99th-percentile latency (ms) still healthy.'),
  })
  .describe('Latency thresholds over the samples of each http/api check.');

export const healthSchema = z
  .strictObject({
    checks: z
      .array(healthCheckSchema)
      .default([])
      .describe('Checks run after every deployment and by `omnix health`.'),
    timeoutSeconds: z.number().positive().default(10).describe('Timeout of one attempt of one check.'),
    retries: z
      .number()
      .int()
      .min(0)
      .default(3)
      .describe('Attempts after the first while a new release warms up.'),
    retryInterval: duration.default('2s').describe('First wait between attempts; doubles each time.'),
    latency: latencyThresholds.optional(),
    maxErrorRate: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Largest share of failed samples (0–1) still counted healthy.'),
    safeMode: z
      .strictObject({
        latency: latencyThresholds
          .optional()
          .describe('Latency thresholds in safe mode; default: `health.latency`.'),
        maxErrorRate: z
          .number()
          .min(0)
          .max(1)
          .default(0)
          .describe('Largest share of failed samples (0–1) in safe mode.'),
      })
      .default({ maxErrorRate: 0 })
      .describe('Stricter thresholds for `deploy --safe-mode`, which also forces a canary rollout.'),
  })
  .default({ checks: [], timeoutSeconds: 10, retries: 3, retryInterval: '2s', safeMode: { maxErrorRate: 0 } })
  .describe('How a release is verified.');
