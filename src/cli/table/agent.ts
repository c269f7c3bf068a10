import { AGENT_INSIGHT_COMMANDS } from './agent-insight.js';
import type { CommandSpec } from './spec.js';

// The deployment agent's commands.

export const AGENT: CommandSpec = {
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
      run: async (context, args) => (await import('../commands/agent.js')).agentMemory(context, args[0]),
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
        (await import('../commands/agent.js')).agentExplain(context, args[0], options),
    },
    {
      name: 'fix',
      arguments: '<env>',
      summary:
        "Diagnose the environment's latest failure or interruption and run the safe next step (recover, rollback, retry, break a dead lock), once confirmed",
      examples: ['omnix agent fix staging', 'omnix agent fix production --yes'],
      run: async (context, args) => (await import('../commands/agent.js')).agentFix(context, args[0]!),
    },
    {
      name: 'forget',
      arguments: '[env]',
      summary: "Delete the agent's memory of an environment (or of all with --all), once confirmed",
      options: [{ flags: '--all', description: 'every environment' }],
      examples: ['omnix agent forget staging --yes', 'omnix agent forget --all --yes'],
      run: async (context, args, options) =>
        (await import('../commands/agent.js')).agentForget(context, args[0], options),
    },
    ...AGENT_INSIGHT_COMMANDS,
  ],
};
