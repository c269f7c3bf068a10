import { resolve } from 'node:path';
import { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { AGENT_INSIGHT_COMMANDS, ORCHESTRATOR_OPTIMIZE } from './agent-insight-commands.js';
import { type CliIo, type CommandContext, createContext } from './io.js';
import { colorEnabled } from './style.js';

export type BinName = 'omnix' | 'orchestrator';

interface OptionSpec {
  flags: string;
  description: string;
  default?: string | boolean;
}

/** One command as data: commander is configured from this table, and handlers load on first use. */
export interface CommandSpec {
  name: string;
  summary: string;
  arguments?: string;
  options?: OptionSpec[];
  examples?: string[];
  subcommands?: CommandSpec[];
  run?: (context: CommandContext, args: string[], options: Record<string, unknown>) => Promise<number>;
}

/** What every command that changes an environment takes. */
const WAIT_FOR_LOCK: OptionSpec = {
  flags: '--wait-for-lock <duration>',
  description: 'wait up to this long (30s, 10m) for another deployment to finish instead of exiting 4',
};

/** What `plan` and `deploy` both take. */
const PLAN_OPTIONS: OptionSpec[] = [
  { flags: '--only <component>', description: 'frontend or backend only' },
  { flags: '--skip-build', description: 'use what is already built' },
];

export const COMMANDS: CommandSpec[] = [
  {
    name: 'init',
    summary: 'Create config/ for a project (prompts on a terminal, flags otherwise)',
    options: [
      { flags: '--project <name>', description: 'project name (default: the folder name)' },
      { flags: '--region <region>', description: 'AWS region', default: 'us-east-1' },
      {
        flags: '--environments <names>',
        description: 'comma-separated environments',
        default: 'development,staging,production',
      },
      {
        flags: '--frontend-source <dir>',
        description: 'built site folder; "none" for no frontend',
        default: 'web/dist',
      },
      { flags: '--frontend-build <command>', description: 'command that builds the site' },
      {
        flags: '--backend-source <dir>',
        description: 'folder of a Lambda function named "api" (omit for no backend)',
      },
      { flags: '--runtime <runtime>', description: 'Lambda runtime of that function (default: nodejs22.x)' },
      { flags: '--force', description: 'overwrite existing configuration files' },
    ],
    examples: ['omnix init', 'omnix init --yes --project shop --region eu-west-1 --backend-source api'],
    run: async (context, _args, options) => (await import('./commands/init.js')).init(context, options),
  },
  {
    name: 'config',
    summary: 'Validate, show, compare and describe the configuration',
    subcommands: [
      {
        name: 'validate',
        arguments: '[env]',
        summary: 'Validate one environment, or every environment when none is named',
        options: [
          {
            flags: '--all',
            description: 'validate every environment (the default without [env])',
          },
        ],
        examples: ['omnix config validate --all', 'omnix config validate staging --json'],
        run: async (context, args, options) =>
          (await import('./commands/config-validate.js')).configValidate(context, args[0], options),
      },
      {
        name: 'show',
        arguments: '<env>',
        summary: 'Print the resolved configuration of an environment (secrets as ***)',
        options: [
          {
            flags: '--sources',
            description: 'show where each value came from (file:line, variable or default)',
          },
          {
            flags: '--resolve',
            description: 'also resolve ${cfn:} and ${ssm:} references through AWS',
          },
        ],
        examples: ['omnix config show production --sources', 'omnix config show staging --json'],
        run: async (context, args, options) =>
          (await import('./commands/config-show.js')).configShow(context, args[0]!, options),
      },
      {
        name: 'diff',
        arguments: '<a> <b>',
        summary: 'List the configuration values that differ between two environments',
        examples: ['omnix config diff staging production'],
        run: async (context, args) =>
          (await import('./commands/config-diff.js')).configDiff(context, args[0]!, args[1]!),
      },
      {
        name: 'schema',
        summary: 'Print the JSON Schema of the configuration',
        options: [
          {
            flags: '--layer',
            description: 'schema for one file (nothing required), for editors',
          },
          { flags: '--output <file>', description: 'write to a file instead of standard output' },
        ],
        examples: [
          'omnix config schema > deployment-config.schema.json',
          'omnix config schema --layer --output config/omnix.schema.json',
        ],
        run: async (context, _args, options) =>
          (await import('./commands/config-schema.js')).configSchemaCommand(context, options),
      },
    ],
  },
  {
    name: 'plan',
    arguments: '<env>',
    summary: 'Show what a deployment of the environment would change (= deploy --dry-run)',
    options: PLAN_OPTIONS,
    examples: ['omnix plan staging', 'omnix plan production --json'],
    run: async (context, args, options) =>
      (await import('./commands/deploy.js')).planCommand(context, args[0]!, options),
  },
  {
    name: 'validate',
    arguments: '<env>',
    summary:
      'Check everything a deployment needs before it changes anything: credentials, permissions, resources, artifacts, secrets, rollback, drift (exit 3 on failure)',
    examples: ['omnix validate staging', 'omnix validate production --json'],
    run: async (context, args) => (await import('./commands/validate.js')).validateCommand(context, args[0]!),
  },
  {
    name: 'drift',
    arguments: '<env>',
    summary: 'What changed outside omnix since the latest release (exit 1 when something did)',
    examples: ['omnix drift production', 'omnix drift staging --json'],
    run: async (context, args) => (await import('./commands/drift.js')).driftCommand(context, args[0]!),
  },
  {
    name: 'iam-policy',
    arguments: '<env>',
    summary: "Print the least-privilege IAM policy for the environment's deployer",
    options: [{ flags: '--explain', description: 'on standard error, why each action is needed and where' }],
    examples: ['omnix iam-policy production > deployer-policy.json', 'omnix iam-policy staging --explain'],
    run: async (context, args, options) =>
      (await import('./commands/iam-policy.js')).iamPolicyCommand(context, args[0]!, options),
  },
  {
    name: 'deploy',
    arguments: '<env>',
    summary: 'Build, plan and deploy the environment (backend first, then frontend); records the release',
    options: [
      ...PLAN_OPTIONS,
      { flags: '--dry-run', description: 'stop after the plan (same as omnix plan)' },
      {
        flags: '--redeploy-api',
        description: 'create a new API Gateway deployment on the stage even if nothing changed',
      },
      WAIT_FOR_LOCK,
      {
        flags: '--prune',
        description: 'after success, delete function versions and API deployments no kept release needs',
      },
      {
        flags: '--safe-mode',
        description:
          'canary rollout (rollout.canary steps) judged by the stricter health.safeMode thresholds',
      },
      {
        flags: '--skip-validation',
        description:
          'leave out the validate phase (refused where approvals.required, unless --force); recorded',
      },
      { flags: '--force', description: 'with --skip-validation: skip it even where approvals are required' },
      {
        flags: '--wait-for-approval <duration>',
        description:
          'where approvals are required and none is recorded: wait up to this long (10m, 2h) for one instead of exiting 5',
      },
      {
        flags: '--override-freeze <why>',
        description: 'deploy inside a freeze window anyway; the reason is recorded and notified',
      },
    ],
    examples: [
      'omnix deploy staging --yes',
      'omnix deploy production --yes --wait-for-approval 30m',
      'omnix deploy production --yes --override-freeze "hotfix for the checkout outage"',
      'omnix deploy production --yes --safe-mode',
      'omnix deploy production --yes --json',
      'omnix deploy development --only frontend --yes',
    ],
    run: async (context, args, options) =>
      (await import('./commands/deploy.js')).deployCommand(context, args[0]!, options),
  },
  {
    name: 'promote',
    arguments: '<from> <to>',
    summary:
      "Deploy to <to> exactly the artifacts live in <from>'s latest release (site bytes, function code), with <to>'s configuration",
    options: [
      WAIT_FOR_LOCK,
      {
        flags: '--safe-mode',
        description: 'canary rollout judged by the stricter health.safeMode thresholds',
      },
    ],
    examples: ['omnix promote staging production', 'omnix promote staging production --yes --json'],
    run: async (context, args, options) =>
      (await import('./commands/promote.js')).promoteCommand(context, args[0]!, args[1]!, options),
  },
  {
    name: 'workflow',
    summary:
      'Run, resume and inspect the workflows of config (workflows:): steps in order, one recorded run each',
    subcommands: [
      {
        name: 'run',
        arguments: '<name>',
        summary: 'Run a workflow from its first step; a failed step stops it (exit as the step did)',
        options: [
          {
            flags: '--wait-for-approval <duration>',
            description: 'at an approve step, wait up to this long for an approval instead of exiting 5',
          },
        ],
        examples: ['omnix workflow run release', 'omnix workflow run release --yes --json'],
        run: async (context, args, options) =>
          (await import('./commands/workflow.js')).workflowRun(context, args[0]!, options),
      },
      {
        name: 'resume',
        arguments: '<run-id>',
        summary: 'Go on with a run whose process died, or that waited for an approval, from its next step',
        options: [
          {
            flags: '--wait-for-approval <duration>',
            description: 'at an approve step, wait up to this long for an approval instead of exiting 5',
          },
          { flags: '--force', description: 'resume a run that says running on another machine' },
        ],
        examples: ['omnix workflow resume w-20261202T013000123Z-1a2b3c --yes'],
        run: async (context, args, options) =>
          (await import('./commands/workflow.js')).workflowResume(context, args[0]!, options),
      },
      {
        name: 'list',
        summary: 'Workflow runs, newest first: id, workflow, status, start, who, current step',
        options: [{ flags: '--limit <n>', description: 'at most this many', default: '20' }],
        examples: ['omnix workflow list', 'omnix workflow list --json'],
        run: async (context, _args, options) =>
          (await import('./commands/workflow.js')).workflowList(context, options),
      },
      {
        name: 'show',
        arguments: '<run-id>',
        summary: "One run: each step's outcome, timing and result",
        examples: ['omnix workflow show w-20261202T013000123Z-1a2b3c'],
        run: async (context, args) =>
          (await import('./commands/workflow.js')).workflowShow(context, args[0]!),
      },
      {
        name: 'status',
        arguments: '[run-id]',
        summary: 'Where a run (the latest without an id) stands',
        examples: ['omnix workflow status', 'omnix workflow status --json'],
        run: async (context, args) =>
          (await import('./commands/workflow.js')).workflowStatus(context, args[0]),
      },
    ],
  },
  {
    name: 'rollback',
    arguments: '<env> [release]',
    summary:
      'Make an earlier release live again (default: the one before the live release); recorded as a new release',
    options: [
      { flags: '--auto', description: 'the newest earlier release that was healthy and not rolled back' },
      WAIT_FOR_LOCK,
    ],
    examples: [
      'omnix rollback staging',
      'omnix rollback production v12 --yes',
      'omnix rollback staging --auto --yes --json',
    ],
    run: async (context, args, options) =>
      (await import('./commands/rollback.js')).rollbackCommand(context, args[0]!, args[1], options),
  },
  {
    name: 'recover',
    arguments: '<env>',
    summary: 'Deal with a deployment whose process died: restore what was live before it, or --resume it',
    options: [
      { flags: '--resume', description: 'finish it (deploy the configuration) instead of restoring' },
      { flags: '--skip-build', description: 'with --resume: use what is already built' },
      WAIT_FOR_LOCK,
    ],
    examples: ['omnix recover staging --yes', 'omnix recover staging --resume --yes'],
    run: async (context, args, options) =>
      (await import('./commands/recover.js')).recoverCommand(context, args[0]!, options),
  },
  {
    name: 'approve',
    arguments: '<env>',
    summary:
      "Approve a deployment's plan that waits for an approval (as your AWS identity; not your own request)",
    options: [
      {
        flags: '--plan <digest>',
        description: 'the plan digest to approve (default: the newest pending request)',
      },
      { flags: '--comment <text>', description: 'why; recorded and notified' },
    ],
    examples: [
      'omnix approve production',
      'omnix approve production --plan 3f9c2a7e41d0b6c5 --comment "reviewed"',
    ],
    run: async (context, args, options) =>
      (await import('./commands/approve.js')).decisionCommand(context, args[0]!, 'approved', options),
  },
  {
    name: 'reject',
    arguments: '<env>',
    summary:
      "Refuse a deployment's plan that waits for an approval; that plan is refused (exit 3) from then on",
    options: [
      {
        flags: '--plan <digest>',
        description: 'the plan digest to reject (default: the newest pending request)',
      },
      { flags: '--comment <text>', description: 'why; recorded and notified' },
    ],
    examples: ['omnix reject production --comment "not during the sale"'],
    run: async (context, args, options) =>
      (await import('./commands/approve.js')).decisionCommand(context, args[0]!, 'rejected', options),
  },
  {
    name: 'approvals',
    arguments: '[env]',
    summary: 'Pending approval requests and recent approvals and rejections (all environments without [env])',
    examples: ['omnix approvals', 'omnix approvals production --json'],
    run: async (context, args) =>
      (await import('./commands/approvals.js')).approvalsCommand(context, args[0]),
  },
  {
    name: 'status',
    arguments: '[env]',
    summary:
      'Per environment: the live release, the last deployment, who holds the lock, interrupted deployments',
    examples: ['omnix status', 'omnix status staging', 'omnix status production --json'],
    run: async (context, args) => (await import('./commands/status.js')).statusCommand(context, args[0]),
  },
  {
    name: 'health',
    arguments: '<env>',
    summary: "Run the environment's health checks against its live release (exit 1 when one fails)",
    options: [
      { flags: '--report <format>', description: 'also write a report: md (Markdown)' },
      { flags: '--output <file>', description: 'where --report writes (default: health-<env>.md)' },
    ],
    examples: ['omnix health staging', 'omnix health production --report md', 'omnix health staging --json'],
    run: async (context, args, options) =>
      (await import('./commands/health.js')).healthCommand(context, args[0]!, options),
  },
  {
    name: 'history',
    arguments: '[env]',
    summary: 'Deployments, newest first: id, release, when, who, outcome, duration, changes',
    options: [{ flags: '--limit <n>', description: 'at most this many', default: '20' }],
    examples: ['omnix history', 'omnix history staging --limit 5', 'omnix history production --json'],
    run: async (context, args, options) =>
      (await import('./commands/history.js')).historyList(context, args[0], options),
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
          (await import('./commands/history.js')).historyShow(context, args[0]!, options),
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
          (await import('./commands/history.js')).historyDiff(context, args[0]!, args[1]!, options),
      },
    ],
  },
  {
    name: 'lock',
    summary: "See or break an environment's deployment lock",
    subcommands: [
      {
        name: 'status',
        arguments: '<env>',
        summary:
          'Who holds the lock (user or CI run, host, pid, deployment), since when, and whether it is stale',
        examples: ['omnix lock status staging', 'omnix lock status production --json'],
        run: async (context, args) => (await import('./commands/lock.js')).lockStatus(context, args[0]!),
      },
      {
        name: 'break',
        arguments: '<env>',
        summary: 'Remove the lock (asks first; --yes without a terminal)',
        examples: ['omnix lock break staging', 'omnix lock break staging --yes'],
        run: async (context, args) => (await import('./commands/lock.js')).lockBreak(context, args[0]!),
      },
    ],
  },
  {
    name: 'state',
    summary: 'Set up the state store, or move the state to another store',
    subcommands: [
      {
        name: 'init',
        arguments: '[env]',
        summary:
          'Create the folder, S3 bucket or DynamoDB table the state store needs (all environments without [env])',
        examples: ['omnix state init', 'omnix state init production'],
        run: async (context, args) => (await import('./commands/state.js')).stateInit(context, args[0]),
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
          (await import('./commands/state.js')).stateMigrate(context, args[0], options),
      },
    ],
  },
  {
    name: 'agent',
    summary:
      'The deployment agent: what it learned, explanations of failures, safe fixes, risk evaluation, anomalies and advice',
    subcommands: [
      {
        name: 'memory',
        arguments: '[env]',
        summary:
          'Deployments learned from, failure signatures seen (count, last seen), recoveries and their success',
        examples: ['omnix agent memory', 'omnix agent memory production --json'],
        run: async (context, args) => (await import('./commands/agent.js')).agentMemory(context, args[0]),
      },
      {
        name: 'explain',
        arguments: '[deployment]',
        summary:
          "A deployment's failure (id, or 'last'): signature, explanation, remedy, what was done, what to run next",
        options: [{ flags: '--env <env>', description: 'look in this environment only' }],
        examples: [
          'omnix agent explain last --env staging',
          'omnix agent explain d-20261123T225300123Z-1a2b3c --json',
        ],
        run: async (context, args, options) =>
          (await import('./commands/agent.js')).agentExplain(context, args[0], options),
      },
      {
        name: 'fix',
        arguments: '<env>',
        summary:
          "Diagnose the environment's latest failure or interruption and run the safe next step (recover, rollback, retry, break a dead lock), once confirmed",
        examples: ['omnix agent fix staging', 'omnix agent fix production --yes'],
        run: async (context, args) => (await import('./commands/agent.js')).agentFix(context, args[0]!),
      },
      {
        name: 'forget',
        arguments: '[env]',
        summary: "Delete the agent's memory of an environment (or of all with --all), once confirmed",
        options: [{ flags: '--all', description: 'every environment' }],
        examples: ['omnix agent forget staging --yes', 'omnix agent forget --all --yes'],
        run: async (context, args, options) =>
          (await import('./commands/agent.js')).agentForget(context, args[0], options),
      },
      ...AGENT_INSIGHT_COMMANDS,
    ],
  },
  {
    name: 'demo',
    summary: 'Deploy the example app to a fresh sandbox and show it working (no AWS account needed)',
    options: [
      { flags: '--keep', description: 'keep the sandbox running afterwards, to open the site in a browser' },
      { flags: '--port <port>', description: 'sandbox port; 0 picks a free one', default: '0' },
    ],
    examples: ['omnix demo', 'omnix demo --keep --port 4599'],
    run: async (context, _args, options) =>
      (await import('./commands/demo.js')).demoCommand(context, options),
  },
  {
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
          (await import('./commands/sandbox.js')).sandboxStart(context, options),
      },
      {
        name: 'stop',
        summary: "Stop this project's sandbox",
        examples: ['omnix sandbox stop'],
        run: async (context) => (await import('./commands/sandbox.js')).sandboxStop(context),
      },
      {
        name: 'bootstrap',
        arguments: '<env>',
        summary: "Create an environment's bucket, distribution, functions and API in the running sandbox",
        examples: ['omnix sandbox bootstrap staging'],
        run: async (context, args) =>
          (await import('./commands/sandbox-bootstrap.js')).sandboxBootstrap(context, args[0]!),
      },
      {
        name: 'status',
        summary: "Say whether this project's sandbox runs, and where (exit 1 when none does)",
        examples: ['omnix sandbox status --json'],
        run: async (context) => (await import('./commands/sandbox.js')).sandboxStatus(context),
      },
    ],
  },
  {
    name: 'migrate',
    summary:
      'Move from legacy deployment scripts to omnix: find their values, draft the config, archive them',
    subcommands: [
      {
        name: 'scan',
        arguments: '<paths...>',
        summary:
          'Find hard-coded buckets, distributions, functions, APIs, regions, accounts and domains in scripts; write a draft config/ (into --config-dir) and MIGRATION.md',
        options: [
          { flags: '--out <file>', description: 'where the migration report goes', default: 'MIGRATION.md' },
        ],
        examples: [
          'omnix migrate scan scripts/ Makefile package.json .github/ --config-dir draft',
          'omnix migrate scan . --json',
        ],
        run: async (context, args, options) =>
          (await import('./commands/migrate.js')).migrateScanCommand(context, args, options),
      },
      {
        name: 'archive',
        arguments: '<paths...>',
        summary:
          'Move scripts into an archive folder with a README index and rewrite their calls in package.json, Makefiles and CI to omnix commands (shows the diff, then asks)',
        options: [{ flags: '--to <dir>', description: 'archive folder', default: 'legacy' }],
        examples: [
          'omnix migrate archive scripts/deploy-prod.sh scripts/deploy-staging.sh',
          'omnix migrate archive scripts/ --yes',
        ],
        run: async (context, args, options) =>
          (await import('./commands/migrate.js')).migrateArchiveCommand(context, args, options),
      },
    ],
  },
];

/** Commands that later work adds; until they exist they answer clearly instead of "unknown command". */
const PLANNED = ['dashboard'];

/**
 * The original task list's verbs, accepted by `orchestrator`: each (one word, or a verb and its object
 * such as `fix deployment-failures`) is exactly the omnix command it names, with its arguments and
 * options. `deploy` and `rollback` need no entry: they have the same name. An alias that names an
 * existing command (`workflow <name>`) becomes that command's action when no subcommand is given.
 */
export const ORCHESTRATOR_ALIASES: Record<string, string[]> = {
  'deploy-status': ['status'],
  'deploy-history': ['history'],
  'validate-deployment': ['validate'],
  workflow: ['workflow', 'run'],
};

function findSpec(path: readonly string[]): CommandSpec {
  let specs = COMMANDS;
  let found: CommandSpec | undefined;
  for (const name of path) {
    found = specs.find((spec) => spec.name === name);
    if (!found) throw new Error(`orchestrator alias names no omnix command: ${path.join(' ')}`);
    specs = found.subcommands ?? [];
  }
  return found!;
}

export interface RunState {
  exitCode: number;
}

export function buildProgram(bin: BinName, io: CliIo, version: string, state: RunState): Command {
  const program = new Command(bin)
    .description('OMNIX Deploy: deploy a serverless web app to AWS from one validated configuration.')
    .version(version, '--version', 'print the version')
    .option('--config-dir <dir>', 'project root or its config/ folder (default: the current folder)')
    .option('--json', 'machine-readable output on stdout')
    .option('--debug', 'show stack traces and causes of errors')
    .option('--no-color', 'plain output without colours')
    .option('-y, --yes', 'assume yes at confirmations (needed without a terminal)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Errors are rendered by main(), in text or JSON.
      outputError: () => {},
    })
    .showSuggestionAfterError(true)
    .helpCommand(false)
    .addHelpText(
      'after',
      `\nExit codes: 0 success, 1 deployment failed or declined, 2 bad usage or configuration, 3 validation failed or refused, 4 locked, 5 waiting for approval (nothing changed), 130 interrupted.\nRun '${bin} <command> --help' for a command's options and examples.`,
    );

  for (const spec of COMMANDS) addCommand(program, spec, io, state);

  const unavailable = (name: string) => {
    program
      .command(name, { hidden: true })
      .helpOption(false)
      .allowUnknownOption()
      .allowExcessArguments()
      .action(() => {
        throw new UsageError('NotAvailableYet', `'${bin} ${name}' is not available in omnix ${version} yet`, {
          hint: `Run '${bin} --help' for the commands that work today.`,
        });
      });
  };
  for (const name of PLANNED) unavailable(name);
  if (bin === 'orchestrator') {
    addCommand(program, ORCHESTRATOR_OPTIMIZE, io, state);
    // `orchestrator fix deployment-failures <env>` is `omnix agent fix <env>`.
    const fix = COMMANDS.find((command) => command.name === 'agent')!.subcommands!.find(
      (sub) => sub.name === 'fix',
    )!;
    addCommand(
      program,
      {
        name: 'fix',
        summary: 'Fix what went wrong (= orchestrator agent fix)',
        subcommands: [
          {
            ...fix,
            name: 'deployment-failures',
            examples: ['orchestrator fix deployment-failures staging'],
          },
        ],
      },
      io,
      state,
    );
    for (const [alias, target] of Object.entries(ORCHESTRATOR_ALIASES)) {
      const spec = findSpec(target);
      const words = alias.split(' ');
      let parent: Command = program;
      for (const word of words.slice(0, -1))
        parent = parent.commands.find((command) => command.name() === word) ?? parent.command(word);
      const name = words.at(-1)!;
      const existing = parent.commands.find((command) => command.name() === name);
      const aliased = {
        ...spec,
        name,
        summary: `${spec.summary} (= ${bin} ${target.join(' ')})`,
        subcommands: [],
      };
      if (existing) configureCommand(existing, { ...aliased, examples: [] }, io, state);
      else addCommand(parent, aliased, io, state);
    }
  }
  return program;
}

function addCommand(parent: Command, spec: CommandSpec, io: CliIo, state: RunState): void {
  configureCommand(parent.command(spec.name).description(spec.summary), spec, io, state);
}

function configureCommand(command: Command, spec: CommandSpec, io: CliIo, state: RunState): void {
  if (spec.arguments) command.arguments(spec.arguments);
  for (const option of spec.options ?? []) command.option(option.flags, option.description, option.default);
  if (spec.examples?.length) {
    command.addHelpText(
      'after',
      `\nExamples:\n${spec.examples.map((example) => `  $ ${example}`).join('\n')}`,
    );
  }
  for (const sub of spec.subcommands ?? []) addCommand(command, sub, io, state);
  const run = spec.run;
  if (!run) return;
  command.action(async (...params: unknown[]) => {
    const self = params.at(-1) as Command;
    const globals = self.optsWithGlobals() as Record<string, unknown>;
    const context = createContext(io, {
      configDir: resolve(io.cwd, typeof globals.configDir === 'string' ? globals.configDir : '.'),
      json: globals.json === true,
      debug: globals.debug === true,
      color: colorEnabled(globals.color !== false, io.stdout, io.env),
      yes: globals.yes === true,
    });
    state.exitCode = await run(context, self.processedArgs as string[], self.opts());
  });
}
