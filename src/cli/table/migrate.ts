import type { CommandSpec } from './spec.js';

// Moving a team from its legacy deployment scripts to omnix.

export const MIGRATE: CommandSpec = {
  name: 'migrate',
  summary: 'Move from legacy deployment scripts to omnix: find their values, draft the config, archive them',
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
        (await import('../commands/migrate.js')).migrateScanCommand(context, args, options),
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
        (await import('../commands/migrate.js')).migrateArchiveCommand(context, args, options),
    },
  ],
};
