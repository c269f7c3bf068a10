import { type CommandSpec, PLAN_OPTIONS, WAIT_FOR_LOCK } from './spec.js';

// Changing what is live: plan, deploy, promote, roll back, recover.

export const PLAN: CommandSpec = {
  name: 'plan',
  arguments: '<env>',
  summary: 'Show what a deployment of the environment would change (= deploy --dry-run)',
  options: PLAN_OPTIONS,
  examples: ['omnix plan staging', 'omnix plan production --json'],
  run: async (context, args, options) =>
    (await import('../commands/deploy.js')).planCommand(context, args[0]!, options),
};

export const DEPLOY: CommandSpec = {
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
      description: 'canary rollout (rollout.canary steps) judged by the stricter health.safeMode thresholds',
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
    (await import('../commands/deploy.js')).deployCommand(context, args[0]!, options),
};

export const PROMOTE: CommandSpec = {
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
    (await import('../commands/promote.js')).promoteCommand(context, args[0]!, args[1]!, options),
};

export const ROLLBACK: CommandSpec = {
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
    (await import('../commands/rollback.js')).rollbackCommand(context, args[0]!, args[1], options),
};

export const RECOVER: CommandSpec = {
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
    (await import('../commands/recover.js')).recoverCommand(context, args[0]!, options),
};
