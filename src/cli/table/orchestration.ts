import type { CommandSpec } from './spec.js';

// Workflows and the approvals they wait for.

export const WORKFLOW: CommandSpec = {
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
        (await import('../commands/workflow.js')).workflowRun(context, args[0]!, options),
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
        (await import('../commands/workflow.js')).workflowResume(context, args[0]!, options),
    },
    {
      name: 'list',
      summary: 'Workflow runs, newest first: id, workflow, status, start, who, current step',
      options: [{ flags: '--limit <n>', description: 'at most this many', default: '20' }],
      examples: ['omnix workflow list', 'omnix workflow list --json'],
      run: async (context, _args, options) =>
        (await import('../commands/workflow.js')).workflowList(context, options),
    },
    {
      name: 'show',
      arguments: '<run-id>',
      summary: "One run: each step's outcome, timing and result",
      examples: ['omnix workflow show w-20261202T013000123Z-1a2b3c'],
      run: async (context, args) => (await import('../commands/workflow.js')).workflowShow(context, args[0]!),
    },
    {
      name: 'status',
      arguments: '[run-id]',
      summary: 'Where a run (the latest without an id) stands',
      examples: ['omnix workflow status', 'omnix workflow status --json'],
      run: async (context, args) =>
        (await import('../commands/workflow.js')).workflowStatus(context, args[0]),
    },
  ],
};

export const APPROVE: CommandSpec = {
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
    (await import('../commands/approve.js')).decisionCommand(context, args[0]!, 'approved', options),
};

export const REJECT: CommandSpec = {
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
    (await import('../commands/approve.js')).decisionCommand(context, args[0]!, 'rejected', options),
};

export const APPROVALS: CommandSpec = {
  name: 'approvals',
  arguments: '[env]',
  summary: 'Pending approval requests and recent approvals and rejections (all environments without [env])',
  examples: ['omnix approvals', 'omnix approvals production --json'],
  run: async (context, args) => (await import('../commands/approvals.js')).approvalsCommand(context, args[0]),
};
