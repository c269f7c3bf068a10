import { z } from 'zod';
import { stringish, text } from './common.js';

const environmentVariables = z
  .record(
    z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'expected a variable name: letters, digits and _'),
    stringish,
  )
  .default({});

export const lambdaFunctionSchema = z.strictObject({
  name: text.describe('Lambda function name in AWS.'),
  source: text.describe(
    'Folder (zipped deterministically) or `.zip` file with the code, relative to the project root.',
  ),
  build: z.string().optional().describe('Shell command run from the project root before packaging.'),
  handler: text.default('index.handler').describe('Module and exported function, e.g. `index.handler`.'),
  runtime: z
    .string()
    .regex(
      /^(nodejs\d+\.x|python3\.\d+|java\d+(\.al2)?|dotnet\d+|ruby\d\.\d+|provided(\.al2(023)?)?)$/,
      'expected a Lambda runtime identifier such as nodejs22.x',
    )
    .default('nodejs22.x')
    .describe('Lambda runtime identifier.'),
  architecture: z.enum(['x86_64', 'arm64']).default('x86_64').describe('Instruction set.'),
  memoryMb: z.number().int().min(128).max(10_240).default(128).describe('Memory in MB (128–10240).'),
  timeoutSeconds: z.number().int().min(1).max(900).default(3).describe('Timeout in seconds (1–900).'),
  environment: environmentVariables.describe('Environment variables of the function (4 KB in total on AWS).'),
  alias: text
    .default('live')
    .describe('Alias moved to each newly published version; the API integrates with it.'),
  description: z.string().max(256).optional().describe('Description set on the function.'),
});

export const apiSchema = z
  .strictObject({
    type: z
      .enum(['rest', 'http'])
      .default('rest')
      .describe('API Gateway REST API (v1) or HTTP API (v2, Lambda integrations with payload format 2.0).'),
    id: z.string().optional().describe('API id. Give `id` or `name`.'),
    name: z.string().optional().describe('API name, looked up when `id` is not given. Give `id` or `name`.'),
    stage: text.describe(
      "Stage the deployment goes to. An HTTP API may use `$default`, served at the API's URL with no stage in the path.",
    ),
    url: z
      .string()
      .optional()
      .describe("The API's public URL (a custom domain); default: the stage's execute-api URL."),
    function: z
      .string()
      .optional()
      .describe(
        'Key of the function (under backend.functions) behind every route when `routes` is not set; default: the one keyed `api`, or the only one.',
      ),
    routes: z
      .record(z.string(), text)
      .optional()
      .describe(
        "Route keys (`GET /products`, `POST /orders`, `ANY /admin/{proxy+}`, `$default`) mapped to the key of the function (under backend.functions) each one invokes through its alias. omnix then owns the API's routes: it adds, changes and removes them to match, lets API Gateway invoke each alias, records the routes in every release and rolls them back with the stage. On a REST API, `$default` is `ANY /` and `ANY /{proxy+}`. Unset: omnix leaves the API's routes as they are, and one function (`function`) serves them.",
      ),
    turnOffAutoDeploy: z
      .boolean()
      .default(false)
      .describe(
        'HTTP APIs: when the live stage deploys automatically (autoDeploy), turn that off at the next deployment. An auto-deploying stage cannot be pointed back at a recorded deployment, so without this setting validation refuses such a stage.',
      ),
    stageVariables: z
      .record(z.string().regex(/^[A-Za-z0-9_]+$/, 'expected letters, digits and _'), stringish)
      .default({})
      .describe('Stage variables set on the stage.'),
  })
  .describe('The API Gateway API in front of the functions.');

export const backendSchema = z
  .strictObject({
    functions: z
      .record(
        z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]*$/, 'expected a key of letters, digits and -'),
        lambdaFunctionSchema,
      )
      .describe('Lambda functions by key; the key is how health checks and commands refer to a function.'),
    api: apiSchema.optional(),
    artifactBucket: z
      .string()
      .optional()
      .describe('Bucket for function packages over 50 MB, which Lambda only accepts through S3.'),
    concurrency: z.number().int().min(1).max(32).default(4).describe('Functions updated in parallel.'),
  })
  .describe('Lambda functions and the API Gateway API that serves them.');
