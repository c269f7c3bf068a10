import type { CommandSpec } from './spec.js';

// Deploying from CI, and what a pipeline looks at.

export const CI: CommandSpec = {
  name: 'ci',
  summary: 'Set up deployments from CI: a GitHub Actions pipeline that tests, plans, deploys and promotes',
  subcommands: [
    {
      name: 'init',
      arguments: '<provider>',
      summary:
        "Write .github/workflows/deploy.yml (provider: github) and print the OIDC roles' trust policies",
      options: [
        {
          flags: '--environments <names>',
          description: 'comma-separated, in deployment order (default: staging,production)',
        },
        {
          flags: '--repository <owner/name>',
          description: 'the GitHub repository (default: from git remote origin)',
        },
        {
          flags: '--role-arn <arn>',
          description: 'deploy role (default: the OMNIX_DEPLOY_ROLE_ARN variable)',
        },
        {
          flags: '--plan-role-arn <arn>',
          description: 'pull-request role, read-only (default: the OMNIX_PLAN_ROLE_ARN variable)',
        },
        { flags: '--branch <name>', description: 'the branch whose pushes deploy', default: 'main' },
        { flags: '--force', description: 'overwrite an existing workflow file' },
      ],
      examples: [
        'omnix ci init github',
        'omnix ci init github --environments staging,production --repository acme/shop',
      ],
      run: async (context, args, options) =>
        (await import('../commands/ci.js')).ciInit(context, args[0]!, options),
    },
  ],
};

export const DASHBOARD: CommandSpec = {
  name: 'dashboard',
  summary: 'Deployment metrics (DORA, the seed targets, phases, rollbacks, releases) as a local web page',
  options: [
    { flags: '--environment <env>', description: 'one environment only (default: every one)' },
    { flags: '--port <n>', description: 'port on 127.0.0.1 to serve on (0: any free one; default 4580)' },
    { flags: '--out <file>', description: 'write the page to one self-contained HTML file instead' },
  ],
  examples: [
    'omnix dashboard',
    'omnix dashboard --environment production --out report.html',
    'omnix dashboard --json',
  ],
  run: async (context, _args, options) =>
    (await import('../commands/dashboard.js')).dashboardCommand(context, options),
};
