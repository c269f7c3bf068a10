import type { ChangeExtension } from '../../engine/change/extensions.js';

/**
 * Puts `agent.risk` into every plan that changes something: the chance it fails or is rolled back,
 * from the project's history, with the factors behind it. Off with `agent.enabled: false`.
 */
export const riskExtension: ChangeExtension = {
  name: 'agent',
  async reviewPlan(context, { summary }) {
    if (context.kind !== 'deploy' || !context.loaded.config.agent.enabled || summary.nothingToDo === true)
      return undefined;
    const { planRisk } = await import('./plan-risk.js');
    return { risk: await planRisk(context.loaded, context.store, summary, context.env, new Date()) };
  },
};
