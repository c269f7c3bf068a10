import type { CommandSpec } from './spec.js';

// Setting up and checking the configuration.

export const INIT: CommandSpec = {
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
  run: async (context, _args, options) => (await import('../commands/init.js')).init(context, options),
};

export const CONFIG: CommandSpec = {
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
        (await import('../commands/config-validate.js')).configValidate(context, args[0], options),
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
        (await import('../commands/config-show.js')).configShow(context, args[0]!, options),
    },
    {
      name: 'diff',
      arguments: '<a> <b>',
      summary: 'List the configuration values that differ between two environments',
      examples: ['omnix config diff staging production'],
      run: async (context, args) =>
        (await import('../commands/config-diff.js')).configDiff(context, args[0]!, args[1]!),
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
        (await import('../commands/config-schema.js')).configSchemaCommand(context, options),
    },
  ],
};
