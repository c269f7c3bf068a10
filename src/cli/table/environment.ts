import type { CommandSpec } from './spec.js';

// Looking at an environment: checks, drift, policy, status, health, history, its lock and state store.

export const VALIDATE: CommandSpec = {
  name: 'validate',
  arguments: '<env>',
  summary:
    'Check everything a deployment needs before it changes anything: credentials, permissions, resources, artifacts, secrets, rollback, drift (exit 3 on failure)',
  examples: ['omnix validate staging', 'omnix validate production --json'],
  run: async (context, args) => (await import('../commands/validate.js')).validateCommand(context, args[0]!),
};

export const DRIFT: CommandSpec = {
  name: 'drift',
  arguments: '<env>',
  summary: 'What changed outside omnix since the latest release (exit 1 when something did)',
  examples: ['omnix drift production', 'omnix drift staging --json'],
  run: async (context, args) => (await import('../commands/drift.js')).driftCommand(context, args[0]!),
};

export const IAM_POLICY: CommandSpec = {
  name: 'iam-policy',
  arguments: '<env>',
  summary: "Print the least-privilege IAM policy for the environment's deployer",
  options: [{ flags: '--explain', description: 'on standard error, why each action is needed and where' }],
  examples: ['omnix iam-policy production > deployer-policy.json', 'omnix iam-policy staging --explain'],
  run: async (context, args, options) =>
    (await import('../commands/iam-policy.js')).iamPolicyCommand(context, args[0]!, options),
};

export const STATUS: CommandSpec = {
  name: 'status',
  arguments: '[env]',
  summary:
    'Per environment: the live release, the last deployment, who holds the lock, interrupted deployments',
  examples: ['omnix status', 'omnix status staging', 'omnix status production --json'],
  run: async (context, args) => (await import('../commands/status.js')).statusCommand(context, args[0]),
};

export const HEALTH: CommandSpec = {
  name: 'health',
  arguments: '<env>',
  summary: "Run the environment's health checks against its live release (exit 1 when one fails)",
  options: [
    { flags: '--report <format>', description: 'also write a report: md (Markdown)' },
    { flags: '--output <file>', description: 'where --report writes (default: health-<env>.md)' },
  ],
  examples: ['omnix health staging', 'omnix health production --report md', 'omnix health staging --json'],
  run: async (context, args, options) =>
    (await import('../commands/health.js')).healthCommand(context, args[0]!, options),
};

export const HISTORY: CommandSpec = {
  name: 'history',
  arguments: '[env]',
  summary: 'Deployments, newest first: id, release, when, who, outcome, duration, changes',
  options: [{ flags: '--limit <n>', description: 'at most this many', default: '20' }],
  examples: ['omnix history', 'omnix history staging --limit 5', 'omnix history production --json'],
  run: async (context, args, options) =>
    (await import('../commands/history.js')).historyList(context, args[0], options),
  subcommands: [
    {
      name: 'show',
      arguments: '<id>',
      summary:
        'One deployment (id, or release number such as v3): phases with timings, plan, changes, errors, outputs',
      options: [
        {
          flags: '--environment <env>',
          description: 'whose release number <id> is (needed when several environments have it)',
        },
      ],
      examples: [
        'omnix history show d-20261123T225300123Z-1a2b3c',
        'omnix history show v3 --environment staging',
      ],
      run: async (context, args, options) =>
        (await import('../commands/history.js')).historyShow(context, args[0]!, options),
    },
    {
      name: 'diff',
      arguments: '<a> <b>',
      summary:
        'What differs between two deployments (ids, or release numbers such as v1): configuration, artifacts, timings',
      options: [
        {
          flags: '--environment <env>',
          description: 'whose release numbers <a> and <b> are (needed when several environments have them)',
        },
      ],
      examples: [
        'omnix history diff v1 v2 --environment staging',
        'omnix history diff d-20261122T101500000Z-aaaaaa d-20261123T225300123Z-1a2b3c --json',
      ],
      run: async (context, args, options) =>
        (await import('../commands/history.js')).historyDiff(context, args[0]!, args[1]!, options),
    },
  ],
};

export const LOCK: CommandSpec = {
  name: 'lock',
  summary: "See or break an environment's deployment lock",
  subcommands: [
    {
      name: 'status',
      arguments: '<env>',
      summary:
        'Who holds the lock (user or CI run, host, pid, deployment), since when, and whether it is stale',
      examples: ['omnix lock status staging', 'omnix lock status production --json'],
      run: async (context, args) => (await import('../commands/lock.js')).lockStatus(context, args[0]!),
    },
    {
      name: 'break',
      arguments: '<env>',
      summary: 'Remove the lock (asks first; --yes without a terminal)',
      examples: ['omnix lock break staging', 'omnix lock break staging --yes'],
      run: async (context, args) => (await import('../commands/lock.js')).lockBreak(context, args[0]!),
    },
  ],
};

export const STATE: CommandSpec = {
  name: 'state',
  summary: 'Set up the state store, or move the state to another store',
  subcommands: [
    {
      name: 'init',
      arguments: '[env]',
      summary:
        'Create the folder, S3 bucket or DynamoDB table the state store needs (all environments without [env])',
      examples: ['omnix state init', 'omnix state init production'],
      run: async (context, args) => (await import('../commands/state.js')).stateInit(context, args[0]),
    },
    {
      name: 'migrate',
      arguments: '[env]',
      summary:
        'Copy every deployment, release and memory document to another store and verify them; safe to rerun',
      options: [
        {
          flags: '--from <store>',
          description: 'file, file:<folder>, s3, s3://bucket/prefix, dynamodb, dynamodb://table',
        },
        { flags: '--to <store>', description: 'the same forms; a bare name means the configured store' },
      ],
      examples: [
        'omnix state migrate --from file --to s3',
        'omnix state migrate staging --from file:.omnix/state --to dynamodb://omnix-state',
      ],
      run: async (context, args, options) =>
        (await import('../commands/state.js')).stateMigrate(context, args[0], options),
    },
  ],
};
