import type { CommandSpec } from './spec.js';

// The built-in sandbox and the demo on it.

export const DEMO: CommandSpec = {
  name: 'demo',
  summary: 'Deploy the example app to a fresh sandbox and show it working (no AWS account needed)',
  options: [
    { flags: '--keep', description: 'keep the sandbox running afterwards, to open the site in a browser' },
    { flags: '--port <port>', description: 'sandbox port; 0 picks a free one', default: '0' },
  ],
  examples: ['omnix demo', 'omnix demo --keep --port 4599'],
  run: async (context, _args, options) => (await import('../commands/demo.js')).demoCommand(context, options),
};

export const SANDBOX: CommandSpec = {
  name: 'sandbox',
  summary:
    'A local AWS-compatible server (S3, CloudFront, Lambda, API Gateway, STS, IAM) for demos and tests',
  subcommands: [
    {
      name: 'start',
      summary: 'Start the sandbox on 127.0.0.1 (in the foreground until stopped, or --detach)',
      options: [
        { flags: '--port <port>', description: 'port on 127.0.0.1; 0 picks a free one', default: '4599' },
        {
          flags: '--data-dir <dir>',
          description: 'where the state persists (default: .omnix/sandbox in the project)',
        },
        {
          flags: '--bootstrap <env>',
          description: "create what the environment's configuration names (also in one already running)",
        },
        { flags: '--detach', description: 'run in the background and return once it answers' },
        {
          flags: '--faults <file>',
          description: 'JSON fault rules: errors, throttling and latency per operation',
        },
        {
          flags: '--iam-policies <file>',
          description: 'JSON map of principal ARN to IAM policy documents',
        },
      ],
      examples: [
        'omnix sandbox start --detach --bootstrap development',
        'omnix sandbox start --port 0 --data-dir /tmp/sandbox',
      ],
      run: async (context, _args, options) =>
        (await import('../commands/sandbox.js')).sandboxStart(context, options),
    },
    {
      name: 'stop',
      summary: "Stop this project's sandbox",
      examples: ['omnix sandbox stop'],
      run: async (context) => (await import('../commands/sandbox.js')).sandboxStop(context),
    },
    {
      name: 'bootstrap',
      arguments: '<env>',
      summary: "Create an environment's bucket, distribution, functions and API in the running sandbox",
      examples: ['omnix sandbox bootstrap staging'],
      run: async (context, args) =>
        (await import('../commands/sandbox-bootstrap.js')).sandboxBootstrap(context, args[0]!),
    },
    {
      name: 'status',
      summary: "Say whether this project's sandbox runs, and where (exit 1 when none does)",
      examples: ['omnix sandbox status --json'],
      run: async (context) => (await import('../commands/sandbox.js')).sandboxStatus(context),
    },
  ],
};
