import type { CommandSpec } from './spec.js';

/** `omnix agent` subcommands of the agent's statistical half: risk evaluation, anomalies, advice. */
export const AGENT_INSIGHT_COMMANDS: CommandSpec[] = [
  {
    name: 'evaluate',
    arguments: '[env]',
    summary:
      'How well the risk score predicts the recorded history, in time order: AUC, Brier score, base failure rate, and whether to trust it yet',
    examples: ['omnix agent evaluate', 'omnix agent evaluate production --json'],
    run: async (context, args) =>
      (await import('../commands/agent-evaluate.js')).agentEvaluate(context, args[0]),
  },
  {
    name: 'anomalies',
    arguments: '[env]',
    summary:
      'Deployments whose phase durations, AWS request counts or health-check latencies were far above the usual, newest first',
    options: [{ flags: '--limit <n>', description: 'at most this many', default: '50' }],
    examples: ['omnix agent anomalies', 'omnix agent anomalies staging --json'],
    run: async (context, args, options) =>
      (await import('../commands/agent-anomalies.js')).agentAnomalies(context, args[0], options),
  },
  {
    name: 'advise',
    arguments: '[env]',
    summary:
      'Recommendations backed by the history and the configuration, each with its evidence and the change to make, and the best-practice scores',
    examples: ['omnix agent advise', 'omnix agent advise production --json'],
    run: async (context, args) => (await import('../commands/agent-advise.js')).agentAdvise(context, args[0]),
  },
];

/** The original task list's `orchestrator optimize deployment-performance` (= `agent advise`). */
export const ORCHESTRATOR_OPTIMIZE: CommandSpec = {
  name: 'optimize',
  summary: 'Optimisation advice (= agent advise)',
  subcommands: [
    {
      ...AGENT_INSIGHT_COMMANDS.find((command) => command.name === 'advise')!,
      name: 'deployment-performance',
      examples: ['orchestrator optimize deployment-performance staging'],
    },
  ],
};
